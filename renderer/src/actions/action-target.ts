/** What an action on a row or a process aims at (the contract's Target). */
import type { Target } from '@contract/api';
import type { ProcessInfo, SocketRow } from '@contract/model';
import { ownerState } from '@contract/row-fields';
import type { OwnerLookup } from '../filter/match-row';

/**
 * A row's target: its owner by (pid, start time) when there is exactly one, so a reused pid is
 * refused; otherwise its port (shared sockets). Null unless a process PortLens can see holds the
 * socket now: a kernel-owned socket's last owner is history, a hidden owner cannot be verified.
 */
export function rowTarget(row: SocketRow, owners: Pick<OwnerLookup, 'process'>): Target | null {
  if (ownerState(row) !== 'live') return null;
  const [pid, ...others] = row.pids;
  if (pid !== undefined && others.length === 0) {
    return { kind: 'pid', pid, startTime: owners.process(pid)?.startTime ?? null };
  }
  if (row.localPort < 1) return null;
  return { kind: 'port', port: row.localPort, address: row.localAddress || null };
}

/** A process's target. */
export function processTarget(info: Pick<ProcessInfo, 'pid' | 'startTime'>): Target {
  return { kind: 'pid', pid: info.pid, startTime: info.startTime };
}

/** `node (pid 123)` or `port 3000`: how dialogs name a target before the preview names it. */
export function describeTarget(target: Target, owners: Pick<OwnerLookup, 'process'>): string {
  if (target.kind === 'port') return `port ${target.port}`;
  const name = owners.process(target.pid)?.name;
  return name ? `${name} (pid ${target.pid})` : `pid ${target.pid}`;
}
