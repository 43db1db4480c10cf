/**
 * Which launchd job (macOS) runs a process: a pid → label table read from one `launchctl list`
 * per refresh. `launchctl list` lists the caller's own domain: run as root, the system domain's
 * daemons; run as a user, that user's agents (gui/<uid>). So a user's PortLens names its own
 * agents and Homebrew services, and root's names the daemons; the other domain's jobs stay plain
 * processes (restart then takes the plain-process path, or is refused for lack of rights).
 */
import type { ServiceManager } from '../../model.js';
import { createCommandRunner, type CommandRunner } from '../../actions/run-command.js';
import { parseLaunchctlList } from './launchctl-list.js';

/** `brew services` names a formula's launchd job `homebrew.mxcl.<formula>`. */
const HOMEBREW_LABEL = /^homebrew\.mxcl\.(.+)$/;
/**
 * The jobs launchd makes of GUI apps (`application.<bundle id>.<n>.<n>`): a terminal or an editor,
 * never the service of what runs inside it (restarting one would kill the app and its shells).
 */
const APPLICATION_LABEL = /^application\./;
/** `ps` gives start times to the second: a process started within this of the listing may be newer than it. */
const START_TIME_RESOLUTION_MS = 1000;

/** The launchd domain `launchctl list` lists for a caller with effective uid `uid`. */
export function launchdDomainOf(uid: number): string {
  return uid === 0 ? 'system' : `gui/${uid}`;
}

/** The service manager of a job: a Homebrew service when its label is Homebrew's, else a launchd job. */
export function launchdService(label: string, domain: string): ServiceManager {
  const formula = HOMEBREW_LABEL.exec(label)?.[1];
  return formula ? { kind: 'homebrew', formula, label, domain } : { kind: 'launchd', label, domain };
}

export interface LaunchdJobsOptions {
  /** Runs `launchctl list` (default: the real one on PATH). */
  commands?: Pick<CommandRunner, 'run'>;
  /** Our effective uid, whose domain the listing is (default: process.geteuid()). */
  uid?: number;
  now?: () => number;
  /** A listing younger than this is reused: at most one `launchctl list` per tick. */
  maxAgeMs?: number;
  timeoutMs?: number;
}

/** The pid → job table, refreshed on demand. */
export interface LaunchdJobs {
  /** Reads `launchctl list` again unless the table is younger than maxAgeMs; callers at once share one run. */
  refresh(): Promise<void>;
  /**
   * The job whose process is `pid` or its direct `parent` (a daemon's workers, restarted with
   * it); never a further ancestor: a shell's grandchild is not the job's service. Null when none
   * is known, or when the process started after the listing was read (its pid, or its parent's,
   * may have been another job's then).
   */
  serviceOf(pid: number, startedAt: number | null, parent?: number | null): ServiceManager | null;
  /** Why the last refresh yielded no table (launchctl missing, failing, or printing something else); null when it worked. */
  readonly problem: string | null;
}

export function createLaunchdJobs(options: LaunchdJobsOptions = {}): LaunchdJobs {
  const commands = options.commands ?? createCommandRunner();
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const domain = launchdDomainOf(options.uid ?? process.geteuid?.() ?? 0);
  let labels = new Map<number, string>();
  let readAt: number | null = null;
  let problem: string | null = null;
  let running: Promise<void> | null = null;

  async function read(): Promise<void> {
    const started = now();
    const run = await commands.run(['launchctl', 'list'], { timeoutMs });
    const next = new Map<number, string>();
    try {
      if (!run.ok) throw new Error(run.message);
      if (run.code !== 0)
        throw new Error(`launchctl list exited with status ${run.code}: ${run.stderr.trim().slice(0, 200)}`);
      for (const job of parseLaunchctlList(run.stdout))
        if (job.pid !== null && !APPLICATION_LABEL.test(job.label)) next.set(job.pid, job.label);
      problem = null;
    } catch (error) {
      // No stale table: a job that ended may have left its pid to another process.
      problem = `launchd jobs unknown: ${error instanceof Error ? error.message : String(error)}`;
    }
    labels = next;
    readAt = started;
  }

  return {
    refresh() {
      if (running) return running;
      if (readAt !== null && now() - readAt < maxAgeMs) return Promise.resolve();
      running = read().finally(() => {
        running = null;
      });
      return running;
    },
    serviceOf(pid, startedAt, parent = null) {
      if (readAt === null) return null;
      if (startedAt !== null && startedAt + START_TIME_RESOLUTION_MS > readAt) return null;
      for (const candidate of [pid, parent]) {
        if (candidate === null || candidate <= 1) break;
        const label = labels.get(candidate);
        if (label !== undefined) return launchdService(label, domain);
      }
      return null;
    },
    get problem() {
      return problem;
    },
  };
}

/** The machine's table, for the macOS process reader: refresh once per snapshot, then look up. */
export const launchdJobs: LaunchdJobs = createLaunchdJobs();

/** The launchd job or Homebrew service running `pid`, from the last `launchdJobs.refresh()`. */
export function launchdServiceOf(
  pid: number,
  startedAt: number | null,
  parent: number | null = null,
): ServiceManager | null {
  return launchdJobs.serviceOf(pid, startedAt, parent);
}
