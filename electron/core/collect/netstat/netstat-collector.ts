/**
 * Collector over the platform's netstat: on Linux `netstat -tuanWe` (net-tools), whose inodes go
 * through the same owner lookup as ss's. Synchronous: it runs in the monitor's worker thread.
 */
import type { RawSocket } from '../../model.js';
import type { LinuxCollector } from '../linux-collector.js';
import { parseToolOutput, runTool } from '../run-tool.js';
import { NETSTAT_LINUX_ARGS, parseNetstatLinux } from './netstat-linux-parse.js';

/** Options for tests and unusual installs. */
export interface NetstatCollectorOptions {
  /** The netstat binary; `netstat` from PATH by default. */
  command?: string;
  /** Kill netstat after this long (ms). */
  timeoutMs?: number;
}

/** Lists sockets by running netstat; throws CollectorError when netstat is missing, fails or prints garbage. */
export class NetstatCollector implements LinuxCollector {
  readonly source = 'netstat' as const;
  private readonly command: string;
  private readonly timeoutMs: number;
  private warnings: string[] = [];

  constructor(options: NetstatCollectorOptions = {}) {
    this.command = options.command ?? 'netstat';
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    const run = runTool({ source: 'netstat', command: this.command, args: NETSTAT_LINUX_ARGS, timeoutMs: this.timeoutMs });
    const { sockets, warnings } = parseToolOutput('netstat', () => parseNetstatLinux(run.stdout));
    this.warnings = warnings;
    return sockets;
  }

  /** Nothing to release: each collect runs its own netstat. */
  close(): void {}
}
