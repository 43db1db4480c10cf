/**
 * ProcessInfo by pid, kept for as long as the same process lives. A hit costs one read of
 * /proc/<pid>/stat to confirm the identity (pid, start time): a reused pid gets fresh info.
 * Within a poll (`startPoll` … `prune`), an entry confirmed at the same task generation is
 * trusted without that read: no task was created or reaped since, so no pid was reused.
 */
import type { ProcessInfo } from '../model.js';
import { readProcessInfo } from './process-info.js';
import { processIdentity } from './proc-stat.js';
import { readTaskGeneration, type TaskGeneration, type TaskGenerationSource } from './task-generation.js';

/** Options of a ProcessCache. */
export interface ProcessCacheOptions {
  /** Where the task generation comes from (default /proc/loadavg; tests pass their own). */
  taskGeneration?: TaskGenerationSource;
}

/**
 * Caches ProcessInfo by (pid, startTime). What a process can change while it runs (cwd,
 * rewritten argv) is as of the first read; `invalidate` forces a fresh one.
 */
export class ProcessCache {
  readonly #entries = new Map<number, ProcessInfo>();
  /** The task generation at which each entry's identity was last confirmed. */
  readonly #confirmedAt = new Map<number, TaskGeneration>();
  readonly #generation: TaskGenerationSource;
  /** The generation read by `startPoll`, until `prune` ends the poll; null outside a poll. */
  #pollGeneration: TaskGeneration | null = null;

  constructor(options: ProcessCacheOptions = {}) {
    this.#generation = options.taskGeneration ?? readTaskGeneration;
  }

  /** Starts a poll: the `get` calls until the next `prune` share one task-generation read. */
  startPoll(): void {
    this.#pollGeneration = this.#generation();
  }

  /** The info of the process that has `pid` now, or null when none does. */
  get(pid: number): ProcessInfo | null {
    const cached = this.#entries.get(pid);
    const generation = this.#pollGeneration;
    if (cached && generation !== null && this.#confirmedAt.get(pid) === generation) return cached;
    // The poll's generation was read before this identity read, so it may vouch for it (see
    // task-generation.ts); outside a poll (null) nothing is recorded and every `get` reads.
    const identity = processIdentity(pid);
    if (!identity) {
      this.#forget(pid);
      return null;
    }
    if (cached && cached.startTime === identity.startTime) {
      this.#confirm(pid, generation);
      return cached;
    }
    const info = readProcessInfo(pid);
    if (info) {
      this.#entries.set(pid, info);
      this.#confirm(pid, generation);
    } else this.#forget(pid);
    return info;
  }

  /**
   * Stores info the caller already read (e.g. in another thread), so `get` reuses it while its
   * identity holds. Also the test seam for pid reuse: seed a live pid with another start time.
   */
  seed(info: ProcessInfo): void {
    this.#entries.set(info.pid, info);
    this.#confirmedAt.delete(info.pid); // not confirmed by us: the next `get` checks it
  }

  /** Forgets one pid, so the next `get` reads it afresh. */
  invalidate(pid: number): void {
    this.#forget(pid);
  }

  /** Drops every pid not in `livePids` (call once per poll with the pids still shown); ends a poll. */
  prune(livePids: ReadonlySet<number>): void {
    this.#pollGeneration = null;
    for (const pid of this.#entries.keys()) if (!livePids.has(pid)) this.#forget(pid);
  }

  /** Number of cached processes. */
  get size(): number {
    return this.#entries.size;
  }

  #confirm(pid: number, generation: TaskGeneration | null): void {
    if (generation === null) this.#confirmedAt.delete(pid);
    else this.#confirmedAt.set(pid, generation);
  }

  #forget(pid: number): void {
    this.#entries.delete(pid);
    this.#confirmedAt.delete(pid);
  }
}
