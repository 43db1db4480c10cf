import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../model.js';
import type { SocketState } from '../model.js';
import { parseSsOutput } from './ss-parse.js';
import { arbitraryMangledText, arbitrarySocket, PRINTABLE_STATES } from './test-arbitraries.js';
import type { GeneratedSocket } from './test-arbitraries.js';

/** Real `ss -tuanieHO` output (lines of this machine's sockets, trailing padding kept). */
const FIXTURE = readFileSync(new URL('./fixtures/ss-tuanieHO.txt', import.meta.url), 'utf8');
const FIXTURE_LINES = FIXTURE.split('\n').filter((line) => line.trim() !== '');

const SS_NAMES: Record<SocketState, string> = {
  ESTABLISHED: 'ESTAB',
  SYN_SENT: 'SYN-SENT',
  SYN_RECV: 'SYN-RECV',
  FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE: 'UNCONN',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  NEW_SYN_RECV: 'UNKNOWN',
  UNCONN: 'UNCONN',
};

/** Prints a socket the way ss 6.x does, with the same omissions (uid 0, zero counters). */
function ssLine({ socket: s, kernelUid, iface }: GeneratedSocket): string {
  const host = (address: string, local: boolean): string => {
    if (s.family === 4) return address;
    if (address === '::' && (!local || s.inode % 2 === 0)) return '*'; // a dual-stack socket
    return `[${address}]`;
  };
  const local = `${host(s.localAddress, true)}${iface ? `%${iface}` : ''}:${s.localPort || '*'}`;
  const peer =
    s.remoteAddress === null
      ? `${s.family === 4 ? '0.0.0.0' : host('::', false)}:*`
      : `${host(s.remoteAddress, false)}:${s.remotePort}`;
  const details: string[] = [];
  if (s.state === 'TIME_WAIT') details.push('timer:(timewait,59sec,0)');
  if (kernelUid !== 0) details.push(`uid:${kernelUid}`);
  details.push(`ino:${s.inode}`, `sk:${BigInt(s.cookie ?? '0').toString(16)}`, 'cgroup:/');
  if (s.v6Only !== null) details.push(`v6only:${s.v6Only ? 1 : 0}`);
  details.push('<->');
  if (s.bytesSent !== null && s.bytesReceived !== null) {
    details.push('ts', 'sack', 'cubic', 'wscale:7,7', 'rto:204', 'rtt:0.05/0.025', 'mss:32768', 'cwnd:10');
    if (s.bytesSent) details.push(`bytes_sent:${s.bytesSent + 7}`, `bytes_acked:${s.bytesSent}`);
    if (s.bytesReceived) details.push(`bytes_received:${s.bytesReceived}`);
    details.push('send', '5242880000bps', 'lastsnd:8', 'rcv_space:65483', 'minrtt:0.01');
  }
  const state = SS_NAMES[s.state];
  return `${s.protocol} ${state.padEnd(10)} 0      0   ${local.padStart(40)} ${peer.padStart(40)} ${details.join(' ')}   `;
}

describe('parseSsOutput', () => {
  it('reads every line of real ss output, with the fields ss printed', () => {
    const { sockets, warnings } = parseSsOutput(FIXTURE);
    expect(warnings).toEqual([]);
    expect(sockets).toHaveLength(FIXTURE_LINES.length);
    for (const [i, line] of FIXTURE_LINES.entries()) {
      const socket = sockets[i];
      expect(socket?.inode).toBe(Number(/ ino:(\d+)/.exec(line)?.[1]));
      expect(socket?.cookie).toBe(BigInt(`0x${/ sk:([0-9a-f]+)/.exec(line)?.[1]}`).toString());
      expect(socket?.localPort).toBe(Number(line.trim().split(/\s+/)[4]?.split(':').at(-1)));
    }
  });

  it('reads the shapes this capture holds: interface suffix, `*`, mapped, other uid, TIME-WAIT, v6only', () => {
    const { sockets } = parseSsOutput(FIXTURE);
    const byPort = (port: number) => sockets.filter((s) => s.localPort === port);
    expect(byPort(47123)).toEqual([
      expect.objectContaining({
        protocol: 'udp',
        family: 4,
        localAddress: '127.0.0.1',
        remoteAddress: null,
        state: 'UNCONN',
        bytesSent: null,
        v6Only: null,
      }),
    ]);
    expect(byPort(47124)).toContainEqual(
      expect.objectContaining({
        protocol: 'tcp',
        family: 6,
        localAddress: '::1',
        remoteAddress: null,
        state: 'LISTEN',
        bytesSent: 0,
        bytesReceived: 0,
        v6Only: true,
      }),
    );
    expect(byPort(47125)).toEqual([expect.objectContaining({ state: 'LISTEN', uid: 65534 })]);
    const dual = byPort(33291);
    expect(dual).toContainEqual(
      expect.objectContaining({
        family: 6,
        localAddress: '::',
        remoteAddress: null,
        remotePort: null,
        state: 'LISTEN',
        v6Only: false,
      }),
    );
    expect(dual).toContainEqual(
      expect.objectContaining({
        family: 6,
        localAddress: '::ffff:127.0.0.1',
        remoteAddress: '::ffff:127.0.0.1',
        remotePort: 45486,
        state: 'ESTABLISHED',
        v6Only: null,
      }),
    );
    const timeWait = sockets.filter((s) => s.state === 'TIME_WAIT');
    expect(timeWait.length).toBeGreaterThan(0);
    for (const s of timeWait)
      expect(s).toMatchObject({ inode: 0, uid: null, bytesSent: null, bytesReceived: null });
    // The 2 MiB transfer: bytes_acked counts each byte once, bytes_sent also counts retransmits.
    const transfer = sockets.filter((s) => s.state === 'ESTABLISHED' && (s.bytesSent ?? 0) > 1_000_000);
    expect(transfer).toHaveLength(2);
    for (const s of transfer) expect(s.bytesReceived).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });

  it('round-trips generated sockets printed the way ss prints them', () => {
    const states = PRINTABLE_STATES;
    fc.assert(
      fc.property(
        fc.array(arbitrarySocket({ cookies: true, counters: true, states, v6Only: true }), { minLength: 1, maxLength: 20 }),
        (generated) => {
          const { sockets, warnings } = parseSsOutput(generated.map(ssLine).join('\n') + '\n');
          expect(warnings).toEqual([]);
          expect(sockets).toEqual(generated.map((g) => g.socket));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('skips an unreadable line with a warning naming it, and keeps the rest', () => {
    const lines = [
      FIXTURE_LINES[0] ?? '',
      'tcp ESTAB 0 0 127.0.0.1:http 127.0.0.1:22 ino:1 sk:1',
      FIXTURE_LINES[1] ?? '',
    ];
    const { sockets, warnings } = parseSsOutput(lines.join('\n'));
    expect(sockets).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^ss -tuanieHO line 2: local port is not a number/);
  });

  it('throws ParseError with a line number when no line is ss -e output', () => {
    const withoutDetails = 'tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n';
    expect(() => parseSsOutput(withoutDetails)).toThrow(ParseError);
    expect(() => parseSsOutput(withoutDetails)).toThrow(/line 1: .*no ino: field/);
    expect(parseSsOutput('')).toEqual({ sockets: [], warnings: [] });
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    const inputs = fc.oneof(
      arbitraryMangledText(FIXTURE_LINES),
      fc.string({ unit: 'grapheme', maxLength: 400 }),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        try {
          const { sockets, warnings } = parseSsOutput(text);
          expect(sockets.length + warnings.length).toBeLessThanOrEqual(text.split('\n').length);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
