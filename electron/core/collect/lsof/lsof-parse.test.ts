import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import type { RawSocket, SocketState } from '../../model.js';
import { arbitraryMangledText, arbitrarySocket, PRINTABLE_STATES } from '../test-arbitraries.js';
import { parseLsofOutput } from './lsof-parse.js';

/** Real `lsof -F` output of a process and its fork holding the same 12 sockets (fixtures/README.md). */
const FIXTURE = readFileSync(new URL('../fixtures/lsof-F-linux.txt', import.meta.url), 'utf8');
const FIXTURE_LINES = FIXTURE.split('\n').filter((line) => line !== '');

/** lsof's name for each TCP state (Linux's spelling; the macOS ones are mapped too). */
const LSOF_NAMES: Partial<Record<SocketState, string>> = {
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RECV',
  FIN_WAIT1: 'FIN_WAIT1',
  FIN_WAIT2: 'FIN_WAIT2',
  CLOSE: 'CLOSE',
  CLOSE_WAIT: 'CLOSE_WAIT',
  LAST_ACK: 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** Prints one socket's file set the way lsof 4.95 does. */
function fileSet(s: RawSocket, fd: number): string[] {
  const host = (address: string) => (address === '0.0.0.0' || address === '::' ? '*' : s.family === 6 ? `[${address}]` : address);
  const local = `${host(s.localAddress)}:${s.localPort || '*'}`;
  const name = s.remoteAddress === null ? local : `${local}->${host(s.remoteAddress)}:${s.remotePort}`;
  const lines = [`f${fd}`, `tIPv${s.family}`, `d${s.inode}`, `P${s.protocol.toUpperCase()}`, `n${name}`];
  if (s.protocol === 'tcp') lines.push(`TST=${LSOF_NAMES[s.state]}`, 'TQR=0', 'TQS=0');
  return lines;
}

/** Sockets lsof can show: held by a process (no TIME_WAIT), a UDP socket's state from its peer. */
const lsofSockets = fc
  .array(arbitrarySocket({ cookies: false, counters: false, states: PRINTABLE_STATES.filter((s) => s !== 'TIME_WAIT') }), { minLength: 1, maxLength: 12 })
  .map((generated) =>
    generated.map(({ socket }, i): RawSocket => ({
      ...socket,
      inode: i + 1, // one device per socket, as the kernel has
      state: socket.protocol === 'udp' ? (socket.remoteAddress === null ? 'UNCONN' : 'ESTABLISHED') : socket.state,
    })),
  );

describe('parseLsofOutput', () => {
  it('reads every file set of real lsof output, one row per socket with both holders', () => {
    const { sockets, owners, warnings } = parseLsofOutput(FIXTURE);
    expect(warnings).toEqual([]);
    const pids = FIXTURE_LINES.filter((line) => line.startsWith('p')).map((line) => Number(line.slice(1)));
    const devices = new Set(FIXTURE_LINES.filter((line) => line.startsWith('d')).map((line) => Number(line.slice(1))));
    expect(sockets.map((s) => s.inode).sort()).toEqual([...devices].sort());
    for (const holders of owners) expect(holders).toEqual(pids);
    const byName = (local: string) => sockets.find((s) => `${s.localAddress}:${s.localPort}` === local && s.remoteAddress !== null);
    // An IPv4 connection accepted on a dual-stack listener: printed dotted, read as mapped.
    const mapped = sockets.find((s) => s.family === 6 && s.localAddress.startsWith('::ffff:'));
    expect(mapped).toMatchObject({ protocol: 'tcp', localAddress: '::ffff:127.0.0.1', remoteAddress: '::ffff:127.0.0.1', state: 'ESTABLISHED' });
    expect(sockets.filter((s) => s.localAddress === '::' && s.family === 6).map((s) => `${s.protocol} ${s.state}`).sort()).toEqual([
      'tcp LISTEN',
      'udp UNCONN',
    ]);
    const udpConnected = sockets.find((s) => s.protocol === 'udp' && s.remoteAddress !== null);
    expect(udpConnected && byName(`${udpConnected.localAddress}:${udpConnected.localPort}`)).toMatchObject({ family: 6, state: 'ESTABLISHED', uid: 0 });
    for (const s of sockets) expect(s).toMatchObject({ cookie: null, bytesSent: null, bytesReceived: null, v6Only: null });
  });

  it('round-trips generated sockets printed the way lsof prints them, each held by one to three processes', () => {
    fc.assert(
      fc.property(lsofSockets, fc.array(fc.integer({ min: 1, max: 4_000_000 }), { minLength: 1, maxLength: 3 }), (sockets, rawPids) => {
        const pids = [...new Set(rawPids)];
        const text = pids.flatMap((pid) => [`p${pid}`, 'u1000', ...sockets.flatMap((s, i) => fileSet(s, i + 3))]).join('\n');
        const parsed = parseLsofOutput(`${text}\n`);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.sockets).toEqual(sockets.map((s) => ({ ...s, uid: 1000 })));
        for (const holders of parsed.owners) expect(holders).toEqual([...pids].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('skips a file set it cannot read with a warning quoting its addresses, and keeps the rest', () => {
    const text = ['p42', 'u0', 'f3', 'tIPv4', 'd7', 'PTCP', 'n127.0.0.1:http', 'TST=LISTEN', 'f4', 'tIPv4', 'd8', 'PTCP', 'n127.0.0.1:80', 'TST=LISTEN', 'f5', 'tIPv4', 'd9', 'PTCP', 'n127.0.0.1:81', 'TST=BOGUS'].join('\n');
    const { sockets, warnings } = parseLsofOutput(text);
    expect(sockets.map((s) => s.localPort)).toEqual([80]);
    expect(warnings).toEqual([
      'lsof -F line 7: local port is not a number: 127.0.0.1:http: n127.0.0.1:http',
      'lsof -F line 19: unknown TCP state "BOGUS": n127.0.0.1:81',
    ]);
  });

  it('throws ParseError with a line number when no file set can be read, and reads nothing as nothing', () => {
    expect(() => parseLsofOutput('p1\nf3\ntIPv4\nPTCP\nn127.0.0.1:80\n')).toThrow(ParseError);
    expect(() => parseLsofOutput('p1\nf3\ntIPv4\nPTCP\nn127.0.0.1:80\n')).toThrow(/line 5: no file set could be read \(1 tried\): TCP socket without a T ST= \(state\) field/);
    expect(parseLsofOutput('')).toEqual({ sockets: [], owners: [], warnings: [] });
    // Output of something else entirely (no field of a process): a changed format, not "no sockets".
    expect(() => parseLsofOutput('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n')).toThrow(/no p \(process\) field/);
  });

  it('never throws anything but ParseError on mangled or random input, nor loses a socket silently', () => {
    const inputs = fc.oneof(arbitraryMangledText(FIXTURE_LINES), fc.string({ unit: 'grapheme', maxLength: 400 }));
    fc.assert(
      fc.property(inputs, (text) => {
        try {
          const { sockets, owners, warnings } = parseLsofOutput(text);
          const fileSets = text.split('\n').filter((line) => line.startsWith('f')).length;
          expect(owners).toHaveLength(sockets.length);
          // Every file set is a socket, a holder of one already read, or a warning.
          expect(sockets.length).toBeLessThanOrEqual(fileSets);
          if (fileSets > 0 && sockets.length === 0) expect(warnings.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
