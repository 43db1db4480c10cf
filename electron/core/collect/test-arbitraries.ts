/**
 * Test support (not shipped): fast-check generators of sockets as collectors must report them,
 * and of text made from real output's fragments, for the parsers' round-trip and fuzz tests.
 */
import fc from 'fast-check';
import { SOCKET_STATES } from '../../contract/enum-values.js';
import type { Family, Protocol, RawSocket, SocketState } from '../model.js';
import { formatIpv4, formatIpv6 } from './address.js';
import { ownerUid } from './socket-state.js';

/** TCP states ss and /proc print (NEW_SYN_RECV never reaches either; UNCONN is UDP's). */
const TCP_STATES: readonly SocketState[] = SOCKET_STATES.filter((state) => state !== 'NEW_SYN_RECV' && state !== 'UNCONN');
const UDP_STATES: readonly SocketState[] = ['UNCONN', 'ESTABLISHED'];

/** Every state ss and /proc can print for TCP and UDP (NEW_SYN_RECV never reaches either). */
export const PRINTABLE_STATES: readonly SocketState[] = [...TCP_STATES, 'UNCONN'];

const ipv4 = fc.integer({ min: 0, max: 0xffffffff }).map(formatIpv4);
/** IPv6 addresses with the shapes seen on real machines, plus anything. */
const ipv6 = fc.oneof(
  fc.constant('::1'),
  fc.constant('::'),
  ipv4.map((v4) => `::ffff:${v4}`),
  fc
    .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constant(0)), { minLength: 8, maxLength: 8 })
    .map(formatIpv6),
);

/** A generated socket, plus how a tool would have printed some of it. */
export interface GeneratedSocket {
  socket: RawSocket;
  /** The uid the kernel reported (0 for TIME_WAIT), before ownerUid() normalizes it. */
  kernelUid: number;
  /** An interface the socket is bound to (ss prints `addr%iface`). */
  iface: string | null;
}

/** Options: which fields the source can carry at all. */
export interface SocketShape {
  cookies: boolean;
  counters: boolean;
  /** States the source can print (ss has no name for NEW_SYN_RECV, and so on). */
  states?: readonly SocketState[];
  /** Whether the source tells IPV6_V6ONLY (netlink and ss do, for IPv6 listening and unconnected sockets). */
  v6Only?: boolean;
}

/** States of the IPv6 sockets the kernel tells IPV6_V6ONLY of (TCP_LISTEN and TCP_CLOSE). */
const TELLS_V6_ONLY: ReadonlySet<SocketState> = new Set(['LISTEN', 'CLOSE', 'UNCONN']);

/** Sockets that a source with the given shape could report. */
export function arbitrarySocket(shape: SocketShape): fc.Arbitrary<GeneratedSocket> {
  return fc
    .record({
      protocol: fc.constantFrom<Protocol>('tcp', 'udp'),
      family: fc.constantFrom<Family>(4, 6),
      v4: fc.tuple(ipv4, ipv4),
      v6: fc.tuple(ipv6, ipv6),
      localPort: fc.integer({ min: 0, max: 65535 }),
      remotePort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
      stateIndex: fc.nat(),
      inode: fc.integer({ min: 1, max: 0xffffffff }),
      kernelUid: fc.integer({ min: 0, max: 0xfffffffe }),
      cookie: fc.bigInt({ min: 0n, max: (1n << 64n) - 2n }),
      counters: fc.tuple(
        fc.boolean(),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      ),
      iface: fc.option(fc.constantFrom('lo', 'eth0', 'wlp2s0', 'veth1a2b'), { nil: null }),
      v6Only: fc.boolean(),
    })
    .map((g) => {
      const allowed = (g.protocol === 'tcp' ? TCP_STATES : UDP_STATES).filter(
        (s) => !shape.states || shape.states.includes(s),
      );
      const state = allowed[g.stateIndex % allowed.length] ?? 'ESTABLISHED';
      const [local, remote] = g.family === 4 ? g.v4 : g.v6;
      // The kernel keeps no file, owner or tcp_info for TIME_WAIT sockets.
      const timeWait = state === 'TIME_WAIT';
      const inode = timeWait ? 0 : g.inode;
      const kernelUid = timeWait ? 0 : g.kernelUid;
      const withCounters = shape.counters && g.protocol === 'tcp' && !timeWait && g.counters[0];
      const socket: RawSocket = {
        protocol: g.protocol,
        family: g.family,
        localAddress: local,
        localPort: g.localPort,
        remoteAddress: g.remotePort === null ? null : remote,
        remotePort: g.remotePort,
        state,
        inode,
        uid: ownerUid(state, inode, kernelUid),
        cookie: shape.cookies ? g.cookie.toString() : null,
        bytesSent: withCounters ? g.counters[1] : null,
        bytesReceived: withCounters ? g.counters[2] : null,
        v6Only: shape.v6Only && g.family === 6 && TELLS_V6_ONLY.has(state) ? g.v6Only : null,
      };
      return { socket, kernelUid, iface: g.iface };
    });
}

/**
 * Text built from the tokens of real output lines, shuffled, cut and mixed with random
 * strings: it reaches deep into a parser, unlike purely random text.
 */
export function arbitraryMangledText(realLines: readonly string[]): fc.Arbitrary<string> {
  const tokens = [...new Set(realLines.flatMap((line) => line.trim().split(/\s+/)))].filter(Boolean);
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...tokens).chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  );
  const line = fc.oneof(
    fc.constantFrom(...realLines),
    fc.constantFrom(...realLines).chain((l) => fc.nat({ max: l.length }).map((n) => l.slice(0, n))),
    fc.array(token, { maxLength: 30 }).map((t) => t.join(' ')),
  );
  return fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));
}
