import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../model.js';
import type { Family, Protocol, RawSocket } from '../model.js';
import { parseIpv4, parseIpv6 } from './address.js';
import { parseProcNet } from './proc-net-parse.js';
import { STATE_CODES } from './socket-state.js';
import { parseSsOutput } from './ss-parse.js';
import { arbitraryMangledText, arbitrarySocket, PRINTABLE_STATES } from './test-arbitraries.js';
import type { GeneratedSocket } from './test-arbitraries.js';

const FILES = [
  { name: 'tcp', protocol: 'tcp', family: 4 },
  { name: 'tcp6', protocol: 'tcp', family: 6 },
  { name: 'udp', protocol: 'udp', family: 4 },
  { name: 'udp6', protocol: 'udp', family: 6 },
] as const;
/** Real /proc/net files, captured at the same moment as fixtures/ss-tuanieHO.txt. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const hex = (value: number, digits: number): string => value.toString(16).toUpperCase().padStart(digits, '0');
/** A network-order word as the kernel prints it: a host-order number. */
function hostWord(word: number, littleEndian: boolean): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(word >>> 0);
  return hex(littleEndian ? bytes.readUInt32LE(0) : bytes.readUInt32BE(0), 8);
}

function hexAddress(address: string, family: Family, littleEndian: boolean): string {
  if (family === 4) return hostWord(parseIpv4(address) ?? 0, littleEndian);
  const g = parseIpv6(address) ?? [];
  let text = '';
  for (let i = 0; i < 8; i += 2)
    text += hostWord((((g[i] ?? 0) << 16) | (g[i + 1] ?? 0)) >>> 0, littleEndian);
  return text;
}

/** Prints a socket the way the kernel's /proc/net/{tcp,udp}[6] seq_show does. */
function procLine({ socket: s, kernelUid }: GeneratedSocket, slot: number, littleEndian: boolean): string {
  const remote = s.remoteAddress ?? (s.family === 4 ? '0.0.0.0' : '::');
  return `${String(slot).padStart(4)}: ${hexAddress(s.localAddress, s.family, littleEndian)}:${hex(s.localPort, 4)} ${hexAddress(remote, s.family, littleEndian)}:${hex(s.remotePort ?? 0, 4)} ${hex(STATE_CODES[s.state], 2)} 00000000:00000000 00:00000000 00000000 ${String(kernelUid).padStart(5)} ${String(0).padStart(8)} ${s.inode} 1 0000000000000000 100 0 0 10 0`;
}

const key = (s: RawSocket): string =>
  [
    s.protocol,
    s.family,
    s.localAddress,
    s.localPort,
    s.remoteAddress,
    s.remotePort,
    s.state,
    s.inode,
    s.uid,
  ].join(' ');

describe('parseProcNet', () => {
  it('reads real /proc/net files to the same sockets ss listed at that moment', () => {
    const fromProc = FILES.flatMap((f) => {
      const { sockets, warnings } = parseProcNet(fixture(`proc-net-${f.name}.txt`), f.protocol, f.family, {
        littleEndian: true,
      });
      expect(warnings).toEqual([]);
      for (const s of sockets)
        expect(s).toMatchObject({
          protocol: f.protocol,
          family: f.family,
          cookie: null,
          bytesSent: null,
          bytesReceived: null,
        });
      return sockets;
    });
    const fromSs = parseSsOutput(fixture('ss-tuanieHO.txt')).sockets;
    expect(fromProc.length).toBeGreaterThan(10);
    expect(new Set(fromProc.map(key))).toEqual(new Set(fromSs.map(key)));
  });

  it('round-trips generated sockets printed as the kernel prints them, in both byte orders', () => {
    const states = PRINTABLE_STATES;
    const combo = fc.record({
      protocol: fc.constantFrom<Protocol>('tcp', 'udp'),
      family: fc.constantFrom<Family>(4, 6),
      littleEndian: fc.boolean(),
    });
    fc.assert(
      fc.property(
        combo,
        fc.array(arbitrarySocket({ cookies: false, counters: false, states }), { maxLength: 20 }),
        ({ protocol, family, littleEndian }, all) => {
          const generated = all.filter((g) => g.socket.protocol === protocol && g.socket.family === family);
          const header =
            '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
          const text = [header, ...generated.map((g, i) => procLine(g, i, littleEndian))].join('\n') + '\n';
          const { sockets, warnings } = parseProcNet(text, protocol, family, { littleEndian });
          expect(warnings).toEqual([]);
          expect(sockets).toEqual(generated.map((g) => g.socket));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('skips an unreadable line with a warning naming it, and keeps the rest', () => {
    const [header = '', first = '', second = ''] = fixture('proc-net-tcp.txt').split('\n');
    const { sockets, warnings } = parseProcNet(
      [header, first, '   9: 0100007F:ZZZZ 00000000:0000 0A', second].join('\n'),
      'tcp',
      4,
    );
    expect(sockets).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\/proc\/net\/tcp line 3: /);
  });

  it('throws ParseError when no line has the /proc/net shape, and accepts a header alone', () => {
    expect(() => parseProcNet('  sl local\n  0: nonsense here\n', 'udp', 6)).toThrow(ParseError);
    expect(() => parseProcNet('  sl local\n  0: nonsense here\n', 'udp', 6)).toThrow(
      /\/proc\/net\/udp6 line 2/,
    );
    const header = fixture('proc-net-udp6.txt').split('\n')[0] ?? '';
    expect(parseProcNet(`${header}\n`, 'udp', 6)).toEqual({ sockets: [], warnings: [] });
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    const real = FILES.flatMap((f) =>
      fixture(`proc-net-${f.name}.txt`)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
    const inputs = fc.oneof(arbitraryMangledText(real), fc.string({ unit: 'grapheme', maxLength: 400 }));
    fc.assert(
      fc.property(inputs, fc.constantFrom(...FILES), (text, file) => {
        try {
          parseProcNet(text, file.protocol, file.family);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
