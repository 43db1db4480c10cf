/**
 * Collector over `lsof -F` (macOS's socket source, and a cross-check on Linux): the sockets and,
 * unlike the kernel's tables, who holds each one. Synchronous: it runs in the monitor's worker.
 */
import { CollectorError } from '../../model.js';
import type { RawSocket } from '../../model.js';
import type { LinuxCollector } from '../linux-collector.js';
import { parseToolOutput, runTool } from '../run-tool.js';
import { LSOF_ARGS, parseLsofOutput } from './lsof-parse.js';

/** Options for tests and unusual installs. */
export interface LsofCollectorOptions {
  /** The lsof binary; `lsof` from PATH by default. */
  command?: string;
  /** Kill lsof after this long (ms). */
  timeoutMs?: number;
  /** Whether we run as root (default: euid 0): without it lsof sees only our own processes' files. */
  elevated?: boolean;
}

/** Said with every collect without root: what lsof does not list is not in the table either. */
export const LSOF_UNPRIVILEGED_WARNING =
  "lsof lists only sockets of processes this user may inspect; other users' sockets are missing (run as root to see them)";

/** Lists sockets and their holders by running lsof; throws CollectorError when lsof is missing or fails. */
export class LsofCollector implements LinuxCollector {
  readonly source = 'lsof' as const;
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly elevated: boolean;
  private warnings: string[] = [];
  private owners = new Map<RawSocket, readonly number[]>();

  constructor(options: LsofCollectorOptions = {}) {
    this.command = options.command ?? 'lsof';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.elevated = options.elevated ?? process.geteuid?.() === 0;
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    // lsof exits 1 when it found no socket at all, and when some file could not be read.
    const run = runTool({ source: 'lsof', command: this.command, args: LSOF_ARGS, timeoutMs: this.timeoutMs, okStatuses: [1] });
    if (run.status === 1 && run.stdout === '' && run.stderr.trim() !== '')
      throw new CollectorError('lsof', `lsof ${LSOF_ARGS.join(' ')} failed: ${run.stderr.trim().slice(0, 500)}`);
    const { sockets, owners, warnings } = parseToolOutput('lsof', () => parseLsofOutput(run.stdout));
    this.owners = new Map(sockets.map((socket, i) => [socket, owners[i] ?? []]));
    this.warnings = this.elevated ? warnings : [LSOF_UNPRIVILEGED_WARNING, ...warnings];
    if (run.stderr.trim() !== '') this.warnings.push(`lsof said: ${run.stderr.trim().slice(0, 500)}`);
    return sockets;
  }

  /** The pids holding a socket of the last collect (lsof names them; no /proc lookup needed). */
  ownersOf(socket: RawSocket): readonly number[] | undefined {
    return this.owners.get(socket);
  }

  /** Nothing to release: each collect runs its own lsof. */
  close(): void {}
}
