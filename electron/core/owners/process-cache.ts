/**
 * ProcessInfo by pid, kept for as long as the same process lives. A hit costs one read of
 * /proc/<pid>/stat to confirm the identity (pid, start time): a reused pid gets fresh info.
 */
import type { ProcessInfo } from '../model.js';
import { readProcessInfo } from './process-info.js';
import { processIdentity } from './proc-stat.js';

/**
 * Caches ProcessInfo by (pid, startTime). What a process can change while it runs (cwd,
 * rewritten argv) is as of the first read; `invalidate` forces a fresh one.
 */
export class ProcessCache {
  readonly #entries = new Map<number, ProcessInfo>();

  /** The info of the process that has `pid` now, or null when none does. */
  get(pid: number): ProcessInfo | null {
    const identity = processIdentity(pid);
    if (!identity) {
      this.#entries.delete(pid);
      return null;
    }
    const cached = this.#entries.get(pid);
    if (cached && cached.startTime === identity.startTime) return cached;
    const info = readProcessInfo(pid);
    if (info) this.#entries.set(pid, info);
    else this.#entries.delete(pid);
    return info;
  }

  /**
   * Stores info the caller already read (e.g. in another thread), so `get` reuses it while its
   * identity holds. Also the test seam for pid reuse: seed a live pid with another start time.
   */
  seed(info: ProcessInfo): void {
    this.#entries.set(info.pid, info);
  }

  /** Forgets one pid, so the next `get` reads it afresh. */
  invalidate(pid: number): void {
    this.#entries.delete(pid);
  }

  /** Drops every pid not in `livePids` (call once per poll with the pids still shown). */
  prune(livePids: ReadonlySet<number>): void {
    for (const pid of this.#entries.keys()) if (!livePids.has(pid)) this.#entries.delete(pid);
  }

  /** Number of cached processes. */
  get size(): number {
    return this.#entries.size;
  }
}
