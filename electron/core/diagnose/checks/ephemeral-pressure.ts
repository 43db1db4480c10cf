/**
 * Ephemeral-port pressure: every outgoing connection takes a local port from the ephemeral
 * range, and a closed one keeps it for a minute in TIME_WAIT. Many short connections to one
 * place can use the range up, and then connects fail with EADDRNOTAVAIL.
 */
import type { Finding } from '../../../contract/diagnose-model.js';
import type { Snapshot } from '../../model.js';
import type { EphemeralRange } from '../local-ports.js';

export function ephemeralFindings(snapshot: Snapshot | null, range: EphemeralRange | null): Finding[] {
  if (!snapshot || !range) return [];
  const size = range.high - range.low + 1;
  let timeWait = 0;
  let inRange = 0;
  for (const row of snapshot.sockets) {
    if (row.protocol !== 'tcp' || row.remotePort === null) continue;
    if (row.state === 'TIME_WAIT') timeWait++;
    if (row.localPort >= range.low && row.localPort <= range.high) inRange++;
  }
  const share = inRange / size;
  const message = `${timeWait} socket${timeWait === 1 ? '' : 's'} in TIME_WAIT; ${inRange} of the ${size} ephemeral ports (${range.low}–${range.high}) in use (${Math.round(share * 100)}%)`;
  if (share >= 0.5)
    return [{ code: 'ephemeral-pressure', severity: 'warning', message: `Ephemeral ports are running out: ${message}. New connections may fail with EADDRNOTAVAIL; reuse connections (keep-alive) or widen net.ipv4.ip_local_port_range` }];
  return [{ code: 'ephemeral-ok', severity: 'info', message: `No ephemeral-port pressure: ${message}` }];
}
