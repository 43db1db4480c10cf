/**
 * The owner panel's data on Windows: the process and its parents from Win32_Process. Windows
 * keeps a dead parent's pid in its children, and reuses pids: a "parent" created after the
 * child is another process that got the pid, so the chain stops there.
 */
import type { ProcessDetail } from '../../contract/api.js';
import type { ProcessInfo, Snapshot } from '../model.js';
import { WindowsProcesses } from '../owners/windows/windows-processes.js';

/** Deepest parent chain followed; real ones are a handful of links. */
const MAX_PARENTS = 32;

/** Details of `pid` now, or null when no such process runs. Windows shows no other process's environment. */
export function windowsProcessDetail(pid: number, snapshot: Snapshot | null, processes = new WindowsProcesses()): ProcessDetail | null {
  const info = processes.readOne(pid, { services: true });
  if (!info) return null;
  const parents: ProcessInfo[] = [];
  for (let child = info; parents.length < MAX_PARENTS && child.ppid > 0; ) {
    const parent = processes.readOne(child.ppid, { services: true });
    if (!parent || parent.startTime > child.startTime || parents.some((p) => p.pid === parent.pid)) break;
    parents.push(parent);
    child = parent;
  }
  const sockets = snapshot ? snapshot.sockets.filter((row) => row.pids.includes(pid)) : [];
  return { process: info, parents, sockets, environmentReadable: false };
}
