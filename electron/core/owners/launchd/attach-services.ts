/**
 * The seam between the launchd table and what reads processes on macOS: a snapshot's processes
 * get their launchd job or Homebrew service from one refresh per snapshot, and the actions'
 * ProcessReader from the same table. A process that already names a manager keeps it.
 */
import type { ProcessInfo } from '../../model.js';
import type { ProcessReader } from '../../actions/deps.js';
import { launchdJobs, type LaunchdJobs } from './launchd-jobs.js';

/** How far up the parent chain a job is looked for (a launcher, a shell, the server). */
const MAX_ANCESTORS = 16;

/** `pid`'s ancestors, nearest first, below launchd (pid 1). */
export function ancestorsOf(pid: number, parentOf: (pid: number) => number | null): number[] {
  const chain: number[] = [];
  for (let parent = parentOf(pid); parent !== null && parent > 1 && chain.length < MAX_ANCESTORS;) {
    if (chain.includes(parent)) break;
    chain.push(parent);
    parent = parentOf(parent);
  }
  return chain;
}

/**
 * A snapshot's processes with their launchd services filled in, after one `jobs.refresh()` (at
 * most one `launchctl list` per tick). `parentOf` finds a parent outside the map (default: the
 * map's own ppids).
 */
export async function attachLaunchdServices(
  processes: Record<string, ProcessInfo>,
  jobs: LaunchdJobs = launchdJobs,
  parentOf?: (pid: number) => number | null,
): Promise<Record<string, ProcessInfo>> {
  await jobs.refresh();
  const parent = parentOf ?? ((pid: number) => processes[String(pid)]?.ppid ?? null);
  const result: Record<string, ProcessInfo> = {};
  for (const [key, info] of Object.entries(processes)) {
    const service = info.service ?? jobs.serviceOf(info.pid, info.startedAt, ancestorsOf(info.pid, parent));
    result[key] = service === info.service ? info : { ...info, service };
  }
  return result;
}

/** `reader` whose `info` names the launchd service from the table's last refresh. */
export function withLaunchdServices(reader: ProcessReader, jobs: LaunchdJobs = launchdJobs): ProcessReader {
  return {
    ...reader,
    info(pid) {
      const info = reader.info(pid);
      if (!info || info.service) return info;
      const parentOf = (id: number) => reader.stat(id)?.ppid ?? null;
      const service = jobs.serviceOf(pid, info.startedAt, ancestorsOf(pid, parentOf));
      return service ? { ...info, service } : info;
    },
  };
}
