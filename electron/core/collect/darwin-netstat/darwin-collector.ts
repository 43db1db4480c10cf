/**
 * macOS's collector: lsof and netstat -anv merged (darwin-merge.ts says how). Either alone
 * still gives a table: without netstat, lsof's rows with a warning; without lsof, netstat's rows
 * with their last-user pids. Synchronous: it runs in the monitor's worker.
 */
import { closedByProcess } from '../../../contract/row-fields.js';
import { CollectorError } from '../../model.js';
import type { RawSocket } from '../../model.js';
import type { LinuxCollector } from '../linux-collector.js';
import { LSOF_UNPRIVILEGED_WARNING, LsofCollector } from '../lsof/lsof-collector.js';
import { parseToolOutput, runTool } from '../run-tool.js';
import { mergeDarwinSockets } from './darwin-merge.js';
import type { DarwinSide } from './darwin-merge.js';
import { DARWIN_NETSTAT_ARGS, parseDarwinNetstat } from './darwin-netstat-parse.js';

/** Runs netstat with these arguments and returns its output; throws CollectorError when it fails. */
export type NetstatRunner = (args: readonly string[]) => string;

/** Options for tests and unusual installs. */
export interface DarwinCollectorOptions {
  /** The lsof side (a LsofCollector by default). */
  lsof?: LinuxCollector;
  /** Runs netstat (`netstat` from PATH by default). */
  netstat?: NetstatRunner;
  /** Kill netstat after this long (ms). */
  timeoutMs?: number;
  /** Whether we run as root (default: euid 0): then lsof sees every process's sockets. */
  elevated?: boolean;
}

/** Said instead of lsof's unprivileged warning when netstat filled in what lsof could not see. */
export function darwinUnprivilegedNote(added: number): string {
  return `lsof lists only this user's processes' sockets; netstat -anv added the other ${added}, whose owners stay hidden: netstat names only the pid that last used a socket, which may have exited or been reused (run as root for lsof's holders)`;
}

/** Lists macOS's sockets with lsof and netstat; throws CollectorError only when both fail. */
export class DarwinCollector implements LinuxCollector {
  readonly source = 'lsof' as const;
  private readonly lsof: LinuxCollector;
  private readonly netstat: NetstatRunner;
  private readonly elevated: boolean;
  private warnings: string[] = [];
  private owners = new Map<RawSocket, readonly number[]>();
  /** The last collect's rows only netstat listed, and whether lsof could vouch for any owner. */
  private netstatOnly = new Set<RawSocket>();

  constructor(options: DarwinCollectorOptions = {}) {
    this.elevated = options.elevated ?? process.geteuid?.() === 0;
    this.lsof = options.lsof ?? new LsofCollector({ elevated: this.elevated });
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.netstat = options.netstat ?? ((args) => runTool({ source: 'netstat', command: 'netstat', args, timeoutMs }).stdout);
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    const lsof = attempt(() => this.readLsof());
    const netstat = attempt(() => this.readNetstat());
    if (!lsof.ok && !netstat.ok)
      throw new CollectorError('lsof', `lsof failed (${lsof.why}) and netstat -anv failed (${netstat.why})`);
    if (!netstat.ok && lsof.ok) {
      this.owners = lsof.value.owners;
      this.netstatOnly = new Set();
      this.warnings = [...this.lsof.lastWarnings, `netstat -anv failed (${netstat.why}): no byte counters, and only lsof's sockets`];
      return [...lsof.value.side.sockets];
    }
    const side = netstat.ok ? netstat.value.side : { sockets: [], owners: () => undefined };
    const merged = mergeDarwinSockets(lsof.ok ? lsof.value.side : { sockets: [], owners: () => undefined }, side);
    this.owners = merged.owners;
    this.netstatOnly = merged.netstatOnly;
    const notes = netstat.ok ? netstat.value.warnings : [];
    if (!lsof.ok) {
      const owners = this.elevated
        ? 'owners are the pids netstat -anv names (the process that last used each socket)'
        : 'owners stay hidden (netstat -anv names only the pid that last used each socket)';
      this.warnings = [`lsof failed (${lsof.why}): ${owners}`, ...notes];
    }
    else {
      const lsofWarnings = this.lsof.lastWarnings.filter((warning) => warning !== LSOF_UNPRIVILEGED_WARNING);
      this.warnings = [...(this.elevated ? [] : [darwinUnprivilegedNote(merged.added)]), ...lsofWarnings, ...notes];
    }
    return merged.sockets;
  }

  /**
   * The holders lsof named, for a socket of the last collect. A socket only netstat listed has
   * netstat's pid, the process that last used it: trusted as root (lsof listed every holder, so
   * this is a socket opened between the two calls) and for a socket its process closed (shown as
   * history); otherwise it is another user's socket whose holder PortLens cannot confirm, and
   * acting on that pid could hit a process that merely reused it: `permission` (hidden).
   */
  ownersOf(socket: RawSocket): readonly number[] | 'permission' | undefined {
    const pids = this.owners.get(socket);
    if (!this.netstatOnly.has(socket)) return pids;
    if (!this.elevated && !closedByProcess(socket.state)) return 'permission';
    return pids ?? [];
  }

  close(): void {
    this.lsof.close();
  }

  private readLsof(): { side: DarwinSide; owners: Map<RawSocket, readonly number[]> } {
    const sockets = this.lsof.collect();
    const owners = new Map<RawSocket, readonly number[]>();
    for (const socket of sockets) {
      const pids = this.lsof.ownersOf?.(socket);
      if (Array.isArray(pids) && pids.length) owners.set(socket, pids);
    }
    return { side: { sockets, owners: (socket) => owners.get(socket) }, owners };
  }

  private readNetstat(): { side: DarwinSide; warnings: string[] } {
    const text = `${this.netstat(DARWIN_NETSTAT_ARGS.tcp)}\n${this.netstat(DARWIN_NETSTAT_ARGS.udp)}`;
    const { sockets, owners, warnings } = parseToolOutput('netstat', () => parseDarwinNetstat(text));
    return { side: { sockets, owners: (_, i) => owners[i] }, warnings };
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; why: string };

/** A source's result, or why it failed (a CollectorError: missing tool, failure, unreadable output). */
function attempt<T>(read: () => T): Attempt<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (!(error instanceof CollectorError)) throw error;
    return { ok: false, why: error.message };
  }
}
