import { constants } from 'node:os';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CollectorError } from '../model.js';
import type { Protocol, RawSocket } from '../model.js';
import { parseIpv4, parseIpv6 } from './address.js';
import { DiagReplyParser } from './netlink-parse.js';
import { AF_INET, AF_INET6, INET_DIAG_SKV6ONLY, IPPROTO_TCP, buildDumpRequest } from './netlink-protocol.js';
import { STATE_CODES } from './socket-state.js';
import { NetlinkSocket } from './netlink-socket.js';
import { arbitrarySocket } from './test-arbitraries.js';
import type { GeneratedSocket } from './test-arbitraries.js';

const SEQ = 77;
function header(length: number, type: number, seq: number, flags = 0x2): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt32LE(length, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt32LE(seq, 8);
  return h;
}

function attribute(type: number, payload: Buffer): Buffer {
  const padded = Buffer.alloc((4 + payload.length + 3) & ~3);
  padded.writeUInt16LE(4 + payload.length, 0);
  padded.writeUInt16LE(type, 2);
  payload.copy(padded, 4);
  return padded;
}

function writeAddress(into: Buffer, at: number, address: string, family: 4 | 6): void {
  if (family === 4) into.writeUInt32BE(parseIpv4(address) ?? 0, at);
  else (parseIpv6(address) ?? []).forEach((group, i) => into.writeUInt16BE(group, at + 2 * i));
}

/** An inet_diag_msg reply as the kernel builds it (tcp_info of `infoLength` bytes when counted). */
function diagMessage(
  { socket: s, kernelUid }: GeneratedSocket,
  infoLength = 232,
  seq = SEQ,
  flags = 0x2,
  type = 20,
): Buffer {
  const body = Buffer.alloc(72);
  body.writeUInt8(s.family === 4 ? AF_INET : AF_INET6, 0);
  body.writeUInt8(STATE_CODES[s.state], 1);
  body.writeUInt16BE(s.localPort, 4);
  body.writeUInt16BE(s.remotePort ?? 0, 6);
  writeAddress(body, 8, s.localAddress, s.family);
  writeAddress(body, 24, s.remoteAddress ?? (s.family === 4 ? '0.0.0.0' : '::'), s.family);
  const cookie = BigInt(s.cookie ?? '0');
  body.writeUInt32LE(Number(cookie & 0xffffffffn), 44);
  body.writeUInt32LE(Number(cookie >> 32n), 48);
  body.writeUInt32LE(kernelUid, 64);
  body.writeUInt32LE(s.inode, 68);
  const attributes = [attribute(8, Buffer.from([0]))]; // INET_DIAG_SHUTDOWN comes first, as from the kernel
  if (s.v6Only !== null) attributes.push(attribute(INET_DIAG_SKV6ONLY, Buffer.from([s.v6Only ? 1 : 0])));
  if (s.bytesSent !== null && s.bytesReceived !== null) {
    const info = Buffer.alloc(infoLength);
    if (infoLength >= 128) info.writeBigUInt64LE(BigInt(s.bytesSent), 120);
    if (infoLength >= 136) info.writeBigUInt64LE(BigInt(s.bytesReceived), 128);
    attributes.push(attribute(2, info));
  }
  const length = 16 + 72 + attributes.reduce((n, a) => n + a.length, 0);
  return Buffer.concat([header(length, type, seq, flags), body, ...attributes]);
}

function done(seq = SEQ, status = 0): Buffer {
  const status32 = Buffer.alloc(4);
  status32.writeInt32LE(status);
  return Buffer.concat([header(20, 3, seq), status32]);
}

function parse(chunk: Buffer, protocol: Protocol = 'tcp', length = chunk.length) {
  const out: RawSocket[] = [];
  const warnings: string[] = [];
  const progress = new DiagReplyParser().parse(chunk, length, SEQ, protocol, out, warnings);
  return { out, warnings, progress };
}

const sockets = (protocol: Protocol) =>
  fc.array(
    arbitrarySocket({ cookies: true, counters: true, v6Only: true }).filter((g) => g.socket.protocol === protocol),
    { maxLength: 15 },
  );

describe('DiagReplyParser', () => {
  let realChunk = Buffer.alloc(0);

  beforeAll(() => {
    // One real reply datagram from this kernel: the base of the mutation fuzzing below.
    const socket = NetlinkSocket.open();
    try {
      socket.send(buildDumpRequest(SEQ, AF_INET, IPPROTO_TCP));
      const buffer = Buffer.alloc(1 << 20);
      realChunk = Buffer.from(buffer.subarray(0, socket.receive(buffer)));
    } finally {
      socket.close();
    }
  });

  it('round-trips generated TCP and UDP sockets encoded as kernel replies (both reply types)', () => {
    const replyType = fc.constantFrom(20, 18); // SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK
    fc.assert(
      fc.property(
        fc.constantFrom<Protocol>('tcp', 'udp').chain((p) => fc.tuple(fc.constant(p), sockets(p))),
        replyType,
        ([protocol, generated], type) => {
          const messages = generated.map((g) => diagMessage(g, 232, SEQ, 0x2, type));
          const { out, warnings, progress } = parse(Buffer.concat([...messages, done()]), protocol);
          expect(progress).toEqual({ done: true, interrupted: false });
          expect(warnings).toEqual([]);
          expect(out).toEqual(generated.map((g) => g.socket));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads counters only as far as an older kernel’s shorter tcp_info reaches', () => {
    fc.assert(
      fc.property(
        arbitrarySocket({ cookies: true, counters: true, v6Only: true }),
        fc.integer({ min: 0, max: 232 }),
        (g, infoLength) => {
          fc.pre(g.socket.bytesSent !== null);
          const [socket] = parse(Buffer.concat([diagMessage(g, infoLength), done()])).out;
          expect(socket?.bytesSent).toBe(infoLength >= 128 ? g.socket.bytesSent : null);
          expect(socket?.bytesReceived).toBe(infoLength >= 136 ? g.socket.bytesReceived : null);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('waits for NLMSG_DONE across datagrams, ignores other dumps, and notes NLM_F_DUMP_INTR', () => {
    const [g1, g2] = fc.sample(
      arbitrarySocket({ cookies: true, counters: true, v6Only: true }).filter((g) => g.socket.protocol === 'tcp'),
      { numRuns: 2, seed: 7 },
    );
    if (!g1 || !g2) throw new Error('no sample');
    const first = parse(Buffer.concat([diagMessage(g1), diagMessage(g2, 232, SEQ - 1)]));
    expect(first.progress).toEqual({ done: false, interrupted: false });
    expect(first.out).toEqual([g1.socket]);
    const second = parse(Buffer.concat([diagMessage(g2, 232, SEQ, 0x2 | 0x10), done()]));
    expect(second.progress).toEqual({ done: true, interrupted: true });
  });

  it('turns NLMSG_ERROR and a failed NLMSG_DONE into CollectorError naming the errno', () => {
    const error = Buffer.concat([header(36, 2, SEQ), Buffer.alloc(20)]);
    error.writeInt32LE(-constants.errno.EACCES, 16);
    expect(() => parse(error)).toThrow(CollectorError);
    expect(() => parse(error)).toThrow(/EACCES/);
    expect(() => parse(done(SEQ, -constants.errno.ENOMEM))).toThrow(/ENOMEM/);
  });

  it('never throws anything but CollectorError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 800 }), fc.integer({ min: -2, max: 900 }), (bytes, length) => {
        try {
          parse(Buffer.from(bytes), 'tcp', length);
        } catch (error) {
          expect(error).toBeInstanceOf(CollectorError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws anything but CollectorError on a real reply that is cut or corrupted', () => {
    expect(realChunk.length).toBeGreaterThanOrEqual(20);
    const mutation = fc.record({
      cut: fc.nat(),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(mutation, fc.constantFrom<Protocol>('tcp', 'udp'), ({ cut, flips }, protocol) => {
        const chunk = Buffer.from(realChunk);
        for (const [at, value] of flips) chunk[at % chunk.length] = value;
        // The real reply carries the seq we sent, so the parser reads each message in full.
        try {
          parse(chunk, protocol, cut % (chunk.length + 1));
        } catch (error) {
          expect(error).toBeInstanceOf(CollectorError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
