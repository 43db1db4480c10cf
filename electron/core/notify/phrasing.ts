/** How a notification names ports and their owners: short, and readable at a glance. */
import type { PortEvent } from '../../contract/model.js';
import { scopeLabel } from '../../contract/reachability.js';

/** `127.0.0.1:5173`, `[::1]:5173`; UDP ports say so (`0.0.0.0:5353/udp`). */
export function endpoint(
  event: Pick<PortEvent, 'family' | 'localAddress' | 'localPort' | 'protocol'>,
): string {
  // Brackets keep an IPv6 address's colons apart from the port's (RFC 3986 host syntax).
  const host =
    event.family === 6 || event.localAddress.includes(':') ? `[${event.localAddress}]` : event.localAddress;
  return `${host}:${event.localPort}${event.protocol === 'udp' ? '/udp' : ''}`;
}

/** Who opened the port: the process name, else its pid, else null when nobody is visible. */
export function ownerName(event: Pick<PortEvent, 'process' | 'pids'>): string | null {
  const name = event.process?.name.trim();
  if (name) return name;
  const pid = event.process?.pid ?? event.pids[0];
  return pid === undefined ? null : `pid ${pid}`;
}

/** Who can connect, in words. */
export function exposure(event: Pick<PortEvent, 'scope' | 'localAddress' | 'family' | 'v6Only'>): string {
  switch (event.scope) {
    case 'loopback':
      return 'Reachable from this machine only.';
    case 'all':
      return `Reachable from other machines (${scopeLabel(event)}${event.v6Only === true ? '; not over IPv4' : ''}).`;
    case 'address':
      return `Reachable from the network at ${event.localAddress}.`;
  }
}

/** `pid 4242 · node server.js --port 5173`, cut to a notification-sized line; null when unknown. */
export function commandLine(event: Pick<PortEvent, 'process'>, maxLength = 120): string | null {
  const process = event.process;
  if (!process) return null;
  const command = process.argv.length ? process.argv.join(' ') : (process.exe ?? process.name);
  const line = `pid ${process.pid} · ${command}`;
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
