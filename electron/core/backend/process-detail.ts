/** The owner panel's data: a process, its ancestry, its sockets, and whether its env is readable. */
import type { ProcessDetail } from '../../contract/api.js';
import type { Snapshot } from '../model.js';
import { createProcessReader } from '../actions/platform-process-reader.js';
import type { ProcessReader } from '../actions/deps.js';
import { parentChainFrom } from '../owners/process-tree.js';
import { windowsProcessDetail } from './windows-process-detail.js';

/**
 * Details of `pid` now, or null when no such process runs. A zombie has ended (its files are
 * closed, its argv and cwd gone), only unreaped: as the actions do (identity.ts), it counts as
 * ended, so the panel says so instead of showing, and remembering, an empty husk as running.
 */
export function processDetail(pid: number, snapshot: Snapshot | null, reader: ProcessReader = createProcessReader()): ProcessDetail | null {
  if (process.platform === 'win32') return windowsProcessDetail(pid, snapshot);
  const stat = reader.stat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return null;
  const info = reader.info(pid);
  if (!info) return null;
  const sockets = snapshot ? snapshot.sockets.filter((row) => row.pids.includes(pid)) : [];
  const parents = parentChainFrom(pid, info.ppid, (id) => reader.info(id));
  return { process: info, parents, sockets, environmentReadable: reader.environ(pid).ok };
}
