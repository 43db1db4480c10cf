/**
 * One address column of macOS's netstat: `192.168.1.191.52044`, `*.80` (any address), `*.*`
 * (unbound), `::1.631`, `fe80::1%lo0.5353` (the zone dropped). The last dot separates the port.
 * On an IPv6 socket an IPv4 address is the `::ffff:` address the socket has.
 */
import type { Family } from '../../model.js';
import { canonicalAddress } from '../address.js';
import { LineProblem } from '../line-parser.js';

/** An endpoint; `address` null for `*` (any), `port` 0 for `*`. */
export interface DarwinEndpoint {
  address: string | null;
  port: number;
}

/** Parses `host.port` in the row's family; throws LineProblem when it is not one. */
export function parseDarwinEndpoint(text: string, family: Family, side: string): DarwinEndpoint {
  const dot = text.lastIndexOf('.');
  if (dot < 0) throw new LineProblem(`${side} address has no port: ${JSON.stringify(text)}`);
  const portText = text.slice(dot + 1);
  let port = 0;
  if (portText !== '*') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new LineProblem(`${side} port is not a port: ${JSON.stringify(text)}`);
    port = Number(portText);
  }
  const host = text.slice(0, dot);
  if (host === '*') return { address: null, port };
  const percent = host.indexOf('%');
  const bare = percent < 0 ? host : host.slice(0, percent);
  const address =
    family === 4
      ? canonicalAddress(bare, 4)
      : (canonicalAddress(bare, 6) ?? (canonicalAddress(bare, 4) === null ? null : canonicalAddress(`::ffff:${bare}`, 6)));
  // A truncated IPv6 address (netstat without -W) lands here too: reported, not guessed.
  if (address === null) throw new LineProblem(`${side} address is not IPv${family}: ${JSON.stringify(text)}`);
  return { address, port };
}
