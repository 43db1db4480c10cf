/**
 * Reads one `ss -n` address column: `127.0.0.1:80`, `[::1]:80`, `*:80` (IPv6 any on a
 * dual-stack socket), `0.0.0.0:*` (port 0), `[fe80::1]%eth0:22` or `10.0.0.1%lo:53` (bound to
 * an interface; the interface is dropped).
 */
import type { Family } from '../model.js';
import { canonicalAddress } from './address.js';
import { LineProblem } from './line-parser.js';

/** An address column, canonical; `family` is null for `*`, which takes the socket's family. */
export interface SsEndpoint {
  address: string | null;
  family: Family | null;
  port: number;
}

/** Parses one address column; throws LineProblem when it is not one. */
export function parseSsEndpoint(column: string, side: string): SsEndpoint {
  const colon = column.lastIndexOf(':');
  if (colon < 0) throw new LineProblem(`${side} address has no port: ${column}`);
  const portText = column.slice(colon + 1);
  let port = 0;
  if (portText !== '*') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      throw new LineProblem(`${side} port is not a number: ${column}`);
    }
    port = Number(portText);
  }
  const host = withoutInterface(column.slice(0, colon), side);
  if (host === '*') return { address: null, family: null, port };
  if (host.startsWith('[') && host.endsWith(']')) {
    const address = canonicalAddress(host.slice(1, -1), 6);
    if (address === null) throw new LineProblem(`${side} address is not IPv6: ${column}`);
    return { address, family: 6, port };
  }
  const address = canonicalAddress(host, 4);
  if (address === null) throw new LineProblem(`${side} address is not IPv4: ${column}`);
  return { address, family: 4, port };
}

/** Drops a `%interface` suffix (`[fe80::1]%eth0`, `10.0.0.1%lo`); ss prints it after brackets. */
function withoutInterface(host: string, side: string): string {
  const close = host.startsWith('[') ? host.indexOf(']') : -1;
  const percent = host.indexOf('%', close + 1);
  if (percent < 0) return host;
  if (percent === host.length - 1) throw new LineProblem(`${side} address has an empty interface: ${host}`);
  return host.slice(0, percent);
}
