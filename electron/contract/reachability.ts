/**
 * The one judgement of reachability: does a listening socket bound to address B accept a
 * connection to address A on its port? `who`, the actions' target matching, the scope badge,
 * notifications and `diagnose` all ask it here, so they cannot disagree.
 *
 * Linux's rules, as the kernel applies them on an incoming connection:
 * - the same address is accepted (an IPv4-mapped `::ffff:a.b.c.d` is `a.b.c.d`);
 * - `0.0.0.0` accepts every IPv4 address of the machine, 127.0.0.0/8 included, and no IPv6;
 * - `::` accepts every IPv6 address, and IPv4 too unless the socket is IPv6-only
 *   (`IPV6_V6ONLY`, the row's `v6Only`; unknown is taken as dual-stack, Linux's default with
 *   `net.ipv6.bindv6only = 0`, and said to be assumed);
 * - any other address accepts only itself: 127.0.0.1 does not accept 127.0.0.2 although both
 *   are loopback, and ::1 never accepts 127.0.0.1 (different families, different sockets).
 *
 * Browser-safe and free of zod: the renderer and the one-shot `who` use it.
 */
import { readIp, readTargetAddress, type IpAddress } from './target-address.js';

/** What reachability needs of a listening socket (a SocketRow or a PortEvent has it). */
export interface BoundSocket {
  readonly family: 4 | 6;
  readonly localAddress: string;
  readonly v6Only: boolean | null;
}

/** Why a listener refuses a target address. */
export type RefusalReason =
  /** The other IP family: a socket on ::1 for a client of 127.0.0.1, or 0.0.0.0 for ::1. */
  | 'family'
  /** An `[::]` socket that is IPv6-only, for an IPv4 client. */
  | 'v6-only'
  /** Same family, another specific address (127.0.0.2 for 127.0.0.1, a LAN address, …). */
  | 'address';

/** A listener's answer to one target address. */
export type Fit =
  | {
      accepts: true;
      /** `exact`: bound to that address; `wildcard`: 0.0.0.0 or `::` of the same family; `dual-stack`: `::` for IPv4. */
      how: 'exact' | 'wildcard' | 'dual-stack';
      /** True when `dual-stack` rests on an unknown IPV6_V6ONLY taken as off. */
      assumed: boolean;
    }
  | { accepts: false; why: RefusalReason };

/** Does a socket bound like `bound` accept a connection to `target` (an IP as traffic sees it)? */
export function fitOf(bound: BoundSocket, target: IpAddress): Fit {
  const b = readIp(bound.localAddress);
  if (b === null) return { accepts: false, why: 'address' };
  if (b.address === target.address) return { accepts: true, how: 'exact', assumed: false };
  if (b.address === '0.0.0.0') return target.family === 4 ? wildcard() : { accepts: false, why: 'family' };
  if (b.address === '::') {
    if (target.family === 6) return wildcard();
    if (bound.v6Only === true) return { accepts: false, why: 'v6-only' };
    return { accepts: true, how: 'dual-stack', assumed: bound.v6Only === null };
  }
  return { accepts: false, why: b.family === target.family ? 'address' : 'family' };
}

const wildcard = (): Fit => ({ accepts: true, how: 'wildcard', assumed: false });

/** The addresses `localhost` stands for here, in the order most resolvers give them. */
export const LOCALHOST_ADDRESSES: readonly IpAddress[] = [
  { family: 4, address: '127.0.0.1' },
  { family: 6, address: '::1' },
];

/**
 * Does a socket accept traffic for `wanted`, a target address (target-address.ts: an IP
 * literal, `localhost`, `*`; null is any)? `localhost` is accepted when either of its addresses
 * is. Text that is not an address accepts nothing, wherever it came from.
 */
export function acceptsTarget(bound: BoundSocket, wanted: string | null): boolean {
  if (wanted === null) return true;
  const target = readTargetAddress(wanted);
  if (!target.ok) return false;
  if (target.address === null) return true;
  if (target.address === 'localhost') return LOCALHOST_ADDRESSES.some((ip) => fitOf(bound, ip).accepts);
  const ip = readIp(target.address);
  return ip !== null && fitOf(bound, ip).accepts;
}

/** Is this address loopback (127.0.0.0/8, ::1, or IPv4-mapped loopback)? */
export function isLoopbackIp(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.address.startsWith('127.') : ip.address === '::1';
}

/** Is this the wildcard of its family (0.0.0.0, ::)? */
export function isWildcardIp(ip: IpAddress): boolean {
  return ip.address === '0.0.0.0' || ip.address === '::';
}

/**
 * Who can reach a listener, in words: `IPv4 loopback only`, `IPv6 loopback only`, `all IPv4
 * interfaces`, `all IPv6 interfaces, IPv6-only`, `all interfaces, IPv4 and IPv6`, ….
 */
export function reachWords(bound: BoundSocket): string {
  const b = readIp(bound.localAddress);
  if (b === null) return 'an unreadable address';
  if (b.address === '127.0.0.1') return 'IPv4 loopback only';
  if (b.family === 4 && b.address.startsWith('127.')) return `IPv4 loopback, ${b.address} only`;
  if (b.address === '::1') return 'IPv6 loopback only';
  if (b.address === '0.0.0.0') return 'all IPv4 interfaces';
  if (b.address === '::') {
    if (bound.v6Only === true) return 'all IPv6 interfaces, IPv6-only';
    if (bound.v6Only === false) return 'all interfaces, IPv4 and IPv6';
    return 'all IPv6 interfaces, and IPv4 unless IPv6-only';
  }
  return `${b.address} only`;
}

/** The scope badge's label: an IPv6-only wildcard reaches all IPv6 interfaces, not all interfaces. */
export function scopeLabel(row: BoundSocket & { readonly scope: 'loopback' | 'all' | 'address' }): string {
  if (row.scope === 'all' && row.family === 6 && row.v6Only === true) return 'all IPv6 interfaces';
  return row.scope === 'all' ? 'all interfaces' : row.scope;
}

/** The scope badge's tooltip, in the same terms. */
export function scopeTitle(row: BoundSocket & { readonly scope: 'loopback' | 'all' | 'address' }): string {
  switch (row.scope) {
    case 'loopback':
      return 'Reachable only from this machine (127.0.0.0/8 or ::1)';
    case 'address':
      return 'Bound to one specific address of this machine';
    case 'all':
      if (row.family === 6 && row.v6Only === true)
        return 'Bound to every IPv6 interface, IPv6-only: IPv4 clients (127.0.0.1, 0.0.0.0) are refused';
      if (row.family === 4) return 'Bound to every IPv4 interface: reachable from the network unless a firewall blocks it';
      return 'Bound to every interface: reachable from the network unless a firewall blocks it';
  }
}

/** `127.0.0.1:80`, `[::1]:80`: an address and port as people type them. */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
