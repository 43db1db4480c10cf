/**
 * The snapshot pipeline's process lookup on macOS: the ps table's processes with their launchd
 * job or Homebrew service, from one `launchctl list` per poll. The object handed out for a
 * process is kept while its (pid, start time) and service stay the same, so an unchanged
 * process is not sent again in every delta.
 */
import type { ProcessInfo, ServiceManager } from '../../model.js';
import type { ProcessLookup } from '../../snapshot/pipeline.js';
import { withLaunchdService } from './attach-services.js';
import { launchdJobs, type LaunchdJobs } from './launchd-jobs.js';

/** Wraps `inner` (the ps table) so each process names its launchd service. */
export class LaunchdProcessLookup implements ProcessLookup {
  readonly #inner: ProcessLookup;
  readonly #jobs: LaunchdJobs;
  /** The attached object per pid, reused while the process and its service are the same. */
  readonly #attached = new Map<number, ProcessInfo>();

  constructor(inner: ProcessLookup, jobs: LaunchdJobs = launchdJobs) {
    this.#inner = inner;
    this.#jobs = jobs;
  }

  get lastWarnings(): readonly string[] {
    const problem = this.#jobs.problem;
    return [...(this.#inner.lastWarnings ?? []), ...(problem ? [`launchd services unknown: ${problem}`] : [])];
  }

  async prepare(pids: ReadonlySet<number>): Promise<void> {
    await this.#inner.prepare?.(pids);
    await this.#jobs.refresh();
  }

  startPoll(): void {
    this.#inner.startPoll?.();
  }

  get(pid: number): ProcessInfo | null {
    const info = this.#inner.get(pid);
    const attached = info && withLaunchdService(info, this.#jobs);
    if (!attached || attached === info) return attached;
    const kept = this.#attached.get(pid);
    if (kept && kept.startTime === attached.startTime && sameService(kept.service, attached.service)) return kept;
    this.#attached.set(pid, attached);
    return attached;
  }

  prune(livePids: Set<number>): void {
    this.#inner.prune(livePids);
    for (const pid of this.#attached.keys()) if (!livePids.has(pid)) this.#attached.delete(pid);
  }
}

function sameService(a: ServiceManager | null, b: ServiceManager | null): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
