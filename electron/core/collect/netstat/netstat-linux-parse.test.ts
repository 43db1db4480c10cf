import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import type { GeneratedSocket } from '../test-arbitraries.js';
import { arbitraryMangledText, arbitrarySocket, PRINTABLE_STATES } from '../test-arbitraries.js';
import { parseNetstatLinux } from './netstat-linux-parse.js';

/** Real `netstat -tuanWe` output: headers and the lines of one process's sockets (fixtures/README.md). */
const FIXTURE = readFileSync(new URL('../fixtures/netstat-tuanWe.txt', import.meta.url), 'utf8');
const FIXTURE_LINES = FIXTURE.split('\n').filter((line) => line.trim() !== '');

/** Prints a socket the way net-tools 2.10 does (IPv4-mapped addresses dotted on v6 lines). */
function netstatLine({ socket: s, kernelUid }: GeneratedSocket): string {
  const host = (address: string) => (address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address);
  const local = `${host(s.localAddress)}:${s.localPort || '*'}`;
  const peer = s.remoteAddress === null ? `${s.family === 4 ? '0.0.0.0' : '::'}:*` : `${host(s.remoteAddress)}:${s.remotePort}`;
  const state = s.protocol === 'udp' ? (s.state === 'ESTABLISHED' ? 'ESTABLISHED' : '') : s.state;
  const proto = `${s.protocol}${s.family === 6 ? '6' : ''}`;
  return `${proto.padEnd(6)} 0      0 ${local.padEnd(23)} ${peer.padEnd(23)} ${state.padEnd(11)} ${String(kernelUid).padEnd(10)} ${String(s.inode).padEnd(10)}`;
}

describe('parseNetstatLinux', () => {
  it('reads every line of real netstat output, with the fields it printed', () => {
    const { sockets, warnings } = parseNetstatLinux(FIXTURE);
    expect(warnings).toEqual([]);
    expect(sockets).toHaveLength(FIXTURE_LINES.length - 2);
    for (const [i, line] of FIXTURE_LINES.slice(2).entries()) {
      const columns = line.trim().split(/\s+/);
      expect(sockets[i]?.inode).toBe(Number(columns.at(-1)));
      expect(sockets[i]?.localPort).toBe(Number(columns[3]?.split(':').at(-1)));
    }
    expect(sockets.find((s) => s.family === 6 && s.localAddress.startsWith('::ffff:'))).toMatchObject({
      protocol: 'tcp',
      localAddress: '::ffff:127.0.0.1',
      remoteAddress: '::ffff:127.0.0.1',
    });
    expect(sockets.filter((s) => s.state === 'TIME_WAIT')).toEqual([expect.objectContaining({ inode: 0, uid: null })]);
    expect(sockets.filter((s) => s.protocol === 'udp').map((s) => `${s.family} ${s.state}`).sort()).toEqual(['4 UNCONN', '6 ESTABLISHED', '6 UNCONN']);
  });

  it('round-trips generated sockets printed the way netstat prints them', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySocket({ cookies: false, counters: false, states: PRINTABLE_STATES }), { minLength: 1, maxLength: 20 }), (generated) => {
        const { sockets, warnings } = parseNetstatLinux(['Active Internet connections (servers and established)', ...generated.map(netstatLine)].join('\n'));
        expect(warnings).toEqual([]);
        // A remote any address with port 0 is how netstat prints "no peer": the generator's peers have ports.
        expect(sockets).toEqual(generated.map((g) => ({ ...g.socket, state: g.socket.protocol === 'udp' && g.socket.state !== 'ESTABLISHED' ? 'UNCONN' : g.socket.state })));
      }),
      { numRuns: 500 },
    );
  });

  it('skips an unreadable line with a warning naming it, and throws ParseError when none can be read', () => {
    const { sockets, warnings } = parseNetstatLinux([FIXTURE_LINES[2], 'tcp 0 0 127.0.0.1:http 0.0.0.0:* LISTEN 0 1', FIXTURE_LINES[3]].join('\n'));
    expect(sockets).toHaveLength(2);
    expect(warnings).toEqual([expect.stringMatching(/^netstat -tuanWe line 2: local port is not a decimal count/)]);
    expect(() => parseNetstatLinux('tcp 0 0 127.0.0.1:80 0.0.0.0:* LISTEN\n')).toThrow(ParseError);
    expect(parseNetstatLinux(FIXTURE_LINES.slice(0, 2).join('\n'))).toEqual({ sockets: [], warnings: [] });
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryMangledText(FIXTURE_LINES), fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        try {
          const { sockets, warnings } = parseNetstatLinux(text);
          expect(sockets.length + warnings.length).toBeLessThanOrEqual(text.split('\n').length);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
