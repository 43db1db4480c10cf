/** The owner panel's data: a process, its ancestry, its sockets, and whether its env is readable. */
import type { ProcessDetail } from '../../contract/api.js';
import type { Snapshot } from '../model.js';
import { parentChain, readEnviron, readProcessInfo } from '../owners/index.js';

/** Details of `pid` now, or null when no such process exists. */
export function processDetail(pid: number, snapshot: Snapshot | null): ProcessDetail | null {
  const info = readProcessInfo(pid);
  if (!info) return null;
  const sockets = snapshot ? snapshot.sockets.filter((row) => row.pids.includes(pid)) : [];
  return { process: info, parents: parentChain(pid), sockets, environmentReadable: readEnviron(pid).ok };
}
