/** Which rows can be closed as one connection (TCP with a peer), and by which two ends. */
import type { ConnectionTarget } from '@contract/api';
import type { SocketRow } from '@contract/model';

/** The connection's two ends, or null for a row that is not an open TCP connection. */
export function connectionTarget(row: SocketRow): ConnectionTarget | null {
  if (
    row.protocol !== 'tcp' ||
    row.remoteAddress === null ||
    row.remotePort === null ||
    row.state === 'LISTEN'
  )
    return null;
  return {
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
  };
}
