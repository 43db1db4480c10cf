/**
 * The seam between the launchd table and what reads processes on macOS: the snapshot's lookup
 * (launchd-lookup.ts) and the actions' ProcessReader name a process's launchd job or Homebrew
 * service from the table's last refresh. A process that already names a manager keeps it.
 */
import type { ProcessInfo } from '../../model.js';
import type { ProcessReader } from '../../actions/deps.js';
import { launchdJobs, type LaunchdJobs } from './launchd-jobs.js';

/** `info` with the service `jobs` names for it; `info` itself when it has one already or none is named. */
export function withLaunchdService(info: ProcessInfo, jobs: LaunchdJobs = launchdJobs): ProcessInfo {
  if (info.service) return info;
  const service = jobs.serviceOf(info.pid, info.startedAt, info.ppid);
  return service ? { ...info, service } : info;
}

/** `reader` whose `info` names the launchd service from the table's last refresh. */
export function withLaunchdServices(reader: ProcessReader, jobs: LaunchdJobs = launchdJobs): ProcessReader {
  return {
    ...reader,
    info(pid) {
      const info = reader.info(pid);
      return info && withLaunchdService(info, jobs);
    },
  };
}
