/**
 * The snapshot pipeline's ProcessLookup on macOS (and on Linux with `--processes ps`): one ps
 * identity call per poll for every owner pid, and the full read (lsof cwd, ps command line)
 * only for pids not yet known under the same (pid, start time), the key ProcessCache uses too.
 */
import { type ProcessInfo, ParseError } from '../../model.js';
import { ProcessToolError, type ToolAnswer, type ToolCall, runToolAsync } from './process-tools.js';
import { readProcesses, runPlanAsync } from './ps-read.js';

/** Options of a PsProcessTable. */
export interface PsProcessTableOptions {
  /** How tools are run (default: the real ps, lsof and id). */
  run?: (call: ToolCall) => Promise<ToolAnswer>;
}

/** ProcessInfo by pid from ps and lsof, refreshed by `prepare` once per poll. */
export class PsProcessTable {
  #entries = new Map<number, ProcessInfo>();
  readonly #users = new Map<number, string>();
  readonly #run: (call: ToolCall) => Promise<ToolAnswer>;
  /** What the last `prepare` could not read (lines, or the tools themselves), for the snapshot. */
  lastWarnings: readonly string[] = [];

  constructor(options: PsProcessTableOptions = {}) {
    this.#run = options.run ?? runToolAsync;
  }

  /**
   * Reads what `get` will answer for `pids`: confirms each cached process by its start time
   * and reads the new ones. A tool that fails leaves every pid unknown for this poll, with a
   * warning saying why (never a stale process under a reused pid).
   */
  async prepare(pids: ReadonlySet<number>): Promise<void> {
    const cached = this.#entries;
    const wanted = (row: { pid: number; startSeconds: number }): boolean => cached.get(row.pid)?.startTime !== row.startSeconds;
    const next = new Map<number, ProcessInfo>();
    try {
      const read = await runPlanAsync(readProcesses([...pids], { wanted, users: this.#users }), this.#run);
      for (const [pid, identity] of read.identities) {
        const known = cached.get(pid);
        const info = read.infos.get(pid) ?? (known?.startTime === identity.startSeconds ? known : undefined);
        if (info) next.set(pid, info);
      }
      this.lastWarnings = read.warnings;
    } catch (error) {
      if (!(error instanceof ProcessToolError || error instanceof ParseError)) throw error;
      this.lastWarnings = [`process details unavailable this poll: ${error.message}`];
    }
    this.#entries = next;
  }

  /** The process `prepare` found under `pid`, or null (none, or not prepared). */
  get(pid: number): ProcessInfo | null {
    return this.#entries.get(pid) ?? null;
  }

  /** Keeps only `livePids` (the pipeline's owners this poll). */
  prune(livePids: ReadonlySet<number>): void {
    for (const pid of this.#entries.keys()) if (!livePids.has(pid)) this.#entries.delete(pid);
  }

  /** Number of known processes. */
  get size(): number {
    return this.#entries.size;
  }
}
