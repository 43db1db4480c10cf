/**
 * The seam between the launchd table and what reads processes on macOS: a snapshot's processes
 * get their launchd job or Homebrew service from one refresh per snapshot, and the actions'
 * ProcessReader from the same table. A process that already names a manager keeps it.
 */
import type { ProcessInfo } from '../../model.js';
import type { ProcessReader } from '../../actions/deps.js';
import { launchdJobs, type LaunchdJobs } from './launchd-jobs.js';

/**
 * A snapshot's processes with their launchd services filled in, after one `jobs.refresh()` (at
 * most one `launchctl list` per tick).
 */
export async function attachLaunchdServices(
  processes: Record<string, ProcessInfo>,
  jobs: LaunchdJobs = launchdJobs,
): Promise<Record<string, ProcessInfo>> {
  await jobs.refresh();
  const result: Record<string, ProcessInfo> = {};
  for (const [key, info] of Object.entries(processes)) {
    const service = info.service ?? jobs.serviceOf(info.pid, info.startedAt, info.ppid);
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
      const service = jobs.serviceOf(pid, info.startedAt, info.ppid);
      return service ? { ...info, service } : info;
    },
  };
}
