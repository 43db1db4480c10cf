/**
 * Collector over the platform's netstat. On Linux `netstat -tuanWe` (net-tools), whose inodes go
 * through the same owner lookup as ss's; on Windows `netstat -ano`, whose pid column names the
 * owners (there is no inode to look up). Synchronous: it runs in the monitor's worker thread.
 */
import type { RawSocket } from '../../model.js';
import { windowsProgram } from '../../owners/windows/system-programs.js';
import type { LinuxCollector } from '../linux-collector.js';
import { parseToolOutput, runTool } from '../run-tool.js';
import { NETSTAT_WINDOWS_ARGS, parseNetstatWindows } from '../windows/netstat-windows-parse.js';
import { NETSTAT_LINUX_ARGS, parseNetstatLinux } from './netstat-linux-parse.js';

/** Options for tests and unusual installs. */
export interface NetstatCollectorOptions {
  /** The netstat binary; `netstat` from PATH by default, System32's on Windows (never the current directory's). */
  command?: string;
  /** Kill netstat after this long (ms). */
  timeoutMs?: number;
  /** Whose netstat it is (its arguments and output); process.platform by default. */
  platform?: 'linux' | 'win32';
}

/** Lists sockets by running netstat; throws CollectorError when netstat is missing, fails or prints garbage. */
export class NetstatCollector implements LinuxCollector {
  readonly source = 'netstat' as const;
  /** The netstat program run. */
  readonly command: string;
  private readonly timeoutMs: number;
  private readonly windows: boolean;
  private warnings: string[] = [];
  private owners = new Map<RawSocket, readonly number[]>();

  constructor(options: NetstatCollectorOptions = {}) {
    this.windows = (options.platform ?? process.platform) === 'win32';
    this.command = options.command ?? (this.windows ? windowsProgram('netstat') : 'netstat');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Only Windows' netstat names owners; elsewhere the pipeline looks the inodes up.
    if (!this.windows) this.ownersOf = undefined;
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    const args = this.windows ? NETSTAT_WINDOWS_ARGS : NETSTAT_LINUX_ARGS;
    const run = runTool({ source: 'netstat', command: this.command, args, timeoutMs: this.timeoutMs });
    if (!this.windows) {
      const { sockets, warnings } = parseToolOutput('netstat', () => parseNetstatLinux(run.stdout));
      this.warnings = warnings;
      return sockets;
    }
    const { sockets, owners, warnings } = parseToolOutput('netstat', () => parseNetstatWindows(run.stdout));
    // pid 0 (TIME_WAIT) is no owner: the pipeline then keeps the connection's, as on Linux.
    this.owners = new Map(sockets.flatMap((socket, i) => (owners[i]?.length ? [[socket, owners[i]] as const] : [])));
    this.warnings = warnings;
    return sockets;
  }

  /** Windows: the pids netstat named for a socket of the last collect. */
  ownersOf?: (socket: RawSocket) => readonly number[] | undefined = (socket) => this.owners.get(socket);

  /** Nothing to release: each collect runs its own netstat. */
  close(): void {}
}
