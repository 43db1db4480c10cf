/**
 * Reads one side of lsof's `n` field for an Internet socket: `127.0.0.1:80`, `[::1]:80`,
 * `*:80` (any address), `*:*` (an unbound socket), `[fe80::1%en0]:123` (a zone, dropped). An
 * IPv6 socket's IPv4-mapped address comes dotted and unbracketed (`127.0.0.1:80` on an IPv6
 * file: seen from lsof 4.95 on Linux), and is read as the `::ffff:` address the socket has.
 */
import type { Family } from '../../model.js';
import { canonicalAddress } from '../address.js';
import { LineProblem } from '../line-parser.js';

/** An endpoint, canonical; the any address where lsof prints `*`. */
export interface LsofEndpoint {
  address: string;
  port: number;
}

/** Parses `host:port` in the file's family; throws LineProblem when it is not one. */
export function parseLsofEndpoint(text: string, family: Family, side: string): LsofEndpoint {
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new LineProblem(`${side} address has no port: ${text}`);
  const portText = text.slice(colon + 1);
  let port = 0;
  if (portText !== '*') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new LineProblem(`${side} port is not a number: ${text}`);
    port = Number(portText);
  }
  const host = text.slice(0, colon);
  if (host === '*') return { address: family === 4 ? '0.0.0.0' : '::', port };
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const bare = bracketed ? host.slice(1, -1) : host;
  if (family === 6 && !bracketed && canonicalAddress(bare, 4) === null)
    throw new LineProblem(`${side} IPv6 address is neither bracketed nor IPv4-mapped: ${text}`);
  const percent = bare.indexOf('%');
  const withoutZone = percent < 0 ? bare : bare.slice(0, percent);
  const address = canonicalAddress(family === 6 && !bracketed ? `::ffff:${withoutZone}` : withoutZone, family);
  if (address === null) throw new LineProblem(`${side} address is not IPv${family}: ${text}`);
  return { address, port };
}
