/**
 * Reads what people paste from an error message or a web page: `62893`, `127.0.0.1:62893`,
 * `[::1]:5173`, `localhost:3000`, `http://localhost:5173/`. Unlike the actions' strict target
 * grammar, a mistake here is not a usage error: `explain` and `diagnose` exist to explain it
 * (ports are 16-bit; that address is not this machine's), so a problem comes back as text.
 */
import { networkInterfaces } from 'node:os';
import { readIp, type IpAddress } from '../../contract/target-address.js';
import { isLoopbackIp, isWildcardIp } from '../../contract/reachability.js';

/** A target read as far as it goes. */
export interface TargetText {
  input: string;
  /** `127.0.0.1`, `::1`, `localhost`, a host name; null for a bare port. */
  host: string | null;
  /** The IP when the host is one (IPv4-mapped read as IPv4). */
  ip: IpAddress | null;
  /** The port, null when there is none or it is impossible (see `problems`). */
  port: number | null;
  /** `http`, `https`, … when the target was a URL. */
  scheme: string | null;
  /** Why the port or address cannot be what was meant, in plain words; empty when fine. */
  problems: string[];
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21, ssh: 22 };

/** Reads a target text; never throws. */
export function readTargetText(raw: string): TargetText {
  const input = raw.trim();
  const url = /^([a-z][a-z\d+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?/i.exec(input);
  let scheme: string | null = null;
  let hostText: string | null;
  let portText: string | null;
  if (url) {
    scheme = (url[1] as string).toLowerCase();
    hostText = url[2] as string;
    portText = url[3] ?? null;
  } else if (/^:?\d+$/.test(input)) {
    hostText = null;
    portText = input.replace(/^:/, '');
  } else if (input.startsWith('[')) {
    const close = input.indexOf(']');
    hostText = close < 0 ? input : input.slice(0, close + 1);
    portText = close < 0 ? null : input.slice(close + 1).replace(/^:/, '') || null;
  } else if ((input.match(/:/g) ?? []).length > 1) {
    hostText = input; // a bare IPv6 address without brackets has no port
    portText = null;
  } else {
    const colon = input.lastIndexOf(':');
    hostText = colon < 0 ? input : input.slice(0, colon);
    portText = colon < 0 ? null : input.slice(colon + 1);
  }
  const host = hostText === null ? null : hostText.replace(/^\[|\]$/g, '') || null;
  const problems: string[] = [];
  const port = readPort(portText, scheme, problems);
  const ip = host === null ? null : readIp(host.replace(/%.*$/, ''));
  if (host !== null && ip === null && !/^localhost$/i.test(host) && !/^[a-z\d.-]+$/i.test(host))
    problems.push(`"${host}" is not an address or a host name`);
  if (ip !== null && !isLocalIp(ip))
    problems.push(
      `${ip.address} is not an address of this machine: PortLens sees only this machine's sockets; run it on the machine that has ${ip.address}`,
    );
  return { input, host: host && /^localhost$/i.test(host) ? 'localhost' : (ip?.address ?? host), ip, port, scheme, problems };
}

/** The port from its text, or null with the reason pushed to `problems`. */
function readPort(text: string | null, scheme: string | null, problems: string[]): number | null {
  if (text === null || text === '') {
    const fallback = scheme === null ? undefined : DEFAULT_PORTS[scheme];
    if (fallback !== undefined) return fallback;
    problems.push(scheme ? `no port given and ${scheme}: has no default port` : 'no port given');
    return null;
  }
  if (!/^\d+$/.test(text)) {
    problems.push(`"${text}" is not a port: a port is a whole number from 0 to 65535`);
    return null;
  }
  const port = Number(text);
  if (port > 65535) {
    const near = [text.slice(0, 5), text.slice(0, 4)].map(Number).filter((n) => n > 0 && n <= 65535);
    problems.push(
      `${text} is not a port: ports are 16-bit numbers, 0–65535, so no program can listen on it` +
        (near.length ? ` (a typo? ${[...new Set(near)].join(' and ')} ${near.length > 1 ? 'are ports' : 'is a port'})` : ''),
    );
    return null;
  }
  if (port === 0) {
    problems.push('port 0 is not a port you can connect to: binding port 0 asks the system for any free port');
    return null;
  }
  return port;
}

/** Is this IP one of this machine's: loopback, a wildcard (which connects locally), or an interface's address? */
export function isLocalIp(ip: IpAddress): boolean {
  if (isLoopbackIp(ip) || isWildcardIp(ip)) return true;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const entry of addresses ?? []) {
      const own = readIp(entry.address.replace(/%.*$/, ''));
      if (own !== null && own.address === ip.address) return true;
    }
  }
  return false;
}
