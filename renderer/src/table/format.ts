/**
 * Text for the table and panel: endpoints, byte counts, rates, durations, commands. Pure
 * functions, tested under Node.
 */
import type { Family, SocketRow, SocketState } from '@contract/model';

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

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → `1.5 KB` (binary multiples, one decimal under 10, none above). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = value < 10 ? 1 : 0;
  // 1023.96 KB would print as "1024 KB": carry into the next unit instead.
  const text = value.toFixed(digits);
  if (Number(text) >= 1024 && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${text} ${UNITS[unit]}`;
}

/** Bytes per second as `1.5 KB/s`; zero shows as `0`, a missing rate as an empty string. */
export function formatRate(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null) return '';
  if (bytesPerSecond === 0) return '0';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A short duration: `42s`, `3m 12s`, `5h 03m`, `12d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

/** `LISTEN` → `LISTEN`, `TIME_WAIT` → `TIME-WAIT`: state names as people read them. */
export function formatState(state: SocketState): string {
  return state.replace('_', '-');
}

/** True for a socket that accepts traffic on its port: TCP LISTEN, or bound UDP with no peer. */
export { isListening } from '@contract/row-fields';

const SAFE_WORD = /^[\w@%+=:,./-]+$/;

/** One argument quoted for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE_WORD.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** An argv as a command line a user can paste into a shell. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

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

/** A local clock time with date when it is not today. */
export function formatTimestamp(epochMs: number, now: number = Date.now()): string {
  const date = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour12: false });
  return sameDay ? time : `${date.toLocaleDateString()} ${time}`;
}
