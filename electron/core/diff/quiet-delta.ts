/**
 * A quiet delta changes nothing a subscriber needs to hear about now: the monitor may leave it
 * unannounced, which is most ticks on an idle machine.
 */
import { sameItems } from '../../contract/same-items.js';
import type { RowField } from '../../contract/row-fields.js';
import type { Delta, Snapshot, SocketPatch } from '../model.js';

const TRAFFIC_FIELDS = new Set<string>(['id', 'bytesSent', 'bytesReceived', 'sendRate', 'receiveRate'] satisfies RowField[]);

/**
 * True when `delta`, applied to `previous`, changes nothing but `time`, `seq`, and the traffic
 * counters of rows in `trafficExempt` (e.g. the connections carrying the stream itself, whose
 * counters move because the last delta was sent: announcing that would send another forever).
 */
export function isQuietDelta(delta: Delta, previous: Snapshot, trafficExempt: ReadonlySet<string> = new Set()): boolean {
  return (
    delta.added.length === 0 &&
    delta.removed.length === 0 &&
    delta.processesUpserted.length === 0 &&
    delta.processesRemoved.length === 0 &&
    delta.events.length === 0 &&
    delta.hiddenOwners === previous.hiddenOwners &&
    delta.source === previous.source &&
    sameItems(delta.warnings, previous.warnings) &&
    delta.changed.every((patch) => trafficExempt.has(patch.id) && onlyTraffic(patch))
  );
}

function onlyTraffic(patch: SocketPatch): boolean {
  for (const field of Object.keys(patch)) if (!TRAFFIC_FIELDS.has(field)) return false;
  return true;
}

/**
 * Ids of the rows owned by `pid` and of their loopback peers (the other end of a connection
 * to or from `pid`, e.g. the browser's end of the stream's WebSocket).
 */
export function connectionsOf(snapshot: Snapshot, pid: number): Set<string> {
  const ids = new Set<string>();
  const ownEnds = new Set<string>();
  for (const row of snapshot.sockets) {
    if (!row.pids.includes(pid)) continue;
    ids.add(row.id);
    ownEnds.add(`${row.protocol} ${row.localAddress} ${row.localPort}`);
  }
  if (ids.size === 0) return ids;
  for (const row of snapshot.sockets) {
    if (row.remotePort !== null && ownEnds.has(`${row.protocol} ${row.remoteAddress} ${row.remotePort}`)) ids.add(row.id);
  }
  return ids;
}
