/**
 * Text for the table and panel: endpoints, rates, timestamps, and the vocabulary shared with the
 * CLI (contract/display-text.ts: states, bytes, durations, scopes, commands). Pure
 * functions, tested under Node.
 */
import { formatBytes, formatDateTime, formatTime } from '@contract/display-text';
import type { Family, SocketRow } from '@contract/model';

/** `127.0.0.1:3000`, `[::1]:3000`; a wildcard address shows as `*` (`*:53`). */
export function formatEndpoint(address: string, port: number | null, family: Family): string {
  const host = family === 6 ? `[${address}]` : address;
  return port === null ? host : `${host}:${port}`;
}

/** The host part as shown: IPv6 in brackets so `:port` after it cannot be misread. */
export function formatHost(address: string, family: Family): string {
  return family === 6 ? `[${address}]` : address;
}

/** The remote endpoint, or null when the socket has none (listening, unconnected UDP). */
export function formatRemote(row: SocketRow): string | null {
  if (row.remoteAddress === null) return null;
  return formatEndpoint(row.remoteAddress, row.remotePort, row.family);
}

export {
  formatBytes,
  formatCommand,
  formatDuration,
  shellQuote,
  stateName as formatState,
} from '@contract/display-text';

/** Bytes per second as `1.5 KiB/s`; zero shows as `0`, a missing rate as an empty string. */
export function formatRate(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null) return '';
  if (bytesPerSecond === 0) return '0';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** True for a socket that accepts traffic on its port: TCP LISTEN, or bound UDP with no peer. */
export { isListening } from '@contract/row-fields';

/**
 * The URL "Open in browser" uses for a listening TCP socket: a wildcard bind is reached via
 * loopback of the same family; a specific address is used as is.
 */
export function browserUrl(row: Pick<SocketRow, 'family' | 'localAddress' | 'localPort'>): string {
  let host = row.localAddress;
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  if (host === '::' || host === '::0') host = '::1';
  return `http://${formatHost(host, row.family === 6 && host.includes(':') ? 6 : 4)}:${row.localPort}/`;
}

/** The shared date format (`2026-12-05 23:31:38`), the time alone when it is today. */
export function formatTimestamp(epochMs: number, now: number = Date.now()): string {
  const sameDay = new Date(now).toDateString() === new Date(epochMs).toDateString();
  return sameDay ? formatTime(epochMs) : formatDateTime(epochMs);
}
