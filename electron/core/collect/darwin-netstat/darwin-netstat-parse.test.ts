import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import type { RawSocket, SocketState } from '../../model.js';
import { arbitraryMangledText, arbitrarySocket } from '../test-arbitraries.js';
import { darwinCapture } from './darwin-fixtures.js';
import { parseDarwinEndpoint } from './darwin-netstat-endpoint.js';
import { readDarwinLayout } from './darwin-netstat-layout.js';
import { parseDarwinNetstat } from './darwin-netstat-parse.js';


const MOJAVE = darwinCapture('netstat-v-n-p-tcp-mojave.txt');
const SIERRA_UDP = darwinCapture('netstat-anv-p-udp-sierra.txt');
const TAHOE = darwinCapture('netstat-anv-tcp-tahoe.txt');
const SEQUOIA_ROWS = darwinCapture('netstat-natvln-sequoia-rows.txt');
/** Real header lines: Sonoma's (line 2) and Sequoia's (line 4). */
const HEADERS = darwinCapture('netstat-anv-headers-sonoma-sequoia.txt').split('\n');
const HEADER_LINES = [...[MOJAVE, SIERRA_UDP, TAHOE].map((text) => text.split('\n')[1] ?? ''), HEADERS[1] ?? '', HEADERS[3] ?? ''];
const ROWS = [MOJAVE, SIERRA_UDP, TAHOE, SEQUOIA_ROWS].flatMap((text) => text.split('\n').filter((line) => /^(tcp|udp)/.test(line)));

describe('parseDarwinNetstat on real captures', () => {
  it('reads macOS 10.14 TCP rows by the legacy header (pid, no counters) and reports the cut last row', () => {
    const { sockets, owners, warnings } = parseDarwinNetstat(MOJAVE);
    expect(sockets).toHaveLength(7);
    expect(sockets[0]).toEqual({
      protocol: 'tcp', family: 4, localAddress: '192.168.1.191', localPort: 52044, remoteAddress: '31.13.66.35', remotePort: 443,
      state: 'ESTABLISHED', inode: 0, uid: null, cookie: null, bytesSent: null, bytesReceived: null, v6Only: null,
    });
    expect(sockets.filter((s) => s.state === 'CLOSE_WAIT').map((s) => s.localPort)).toEqual([52040, 52036]);
    // The pid column, not rhiwat (131072) or epid (0).
    expect(new Set(owners.flat())).toEqual(new Set([9811]));
    expect(warnings).toEqual([expect.stringMatching(/^netstat -anv line 10: 2 columns after the state where the header has 6: cut short/)]);
  });

  it('reads macOS 10.12 UDP rows, whose state column is blank, and reports the cut last row', () => {
    const { sockets, owners, warnings } = parseDarwinNetstat(SIERRA_UDP);
    expect(sockets.map((s) => [s.protocol, s.localAddress, s.localPort, s.remoteAddress, s.remotePort, s.state])).toEqual([
      ['udp', '192.168.11.160', 57110, '172.217.12.232', 443, 'ESTABLISHED'],
      ['udp', '192.168.11.160', 50040, '172.217.7.238', 443, 'ESTABLISHED'],
    ]);
    expect(owners).toEqual([[505], [505]]);
    expect(warnings).toEqual([expect.stringMatching(/^netstat -anv line 5: 0 columns after the state where the header has 4/)]);
  });

  it('reads macOS 26 rows: byte counters, and process:pid with a space in the name', () => {
    const { sockets, owners, warnings } = parseDarwinNetstat(TAHOE);
    expect(warnings).toEqual([]);
    expect(sockets.map((s) => [s.localPort, s.remotePort, s.bytesReceived, s.bytesSent])).toEqual([
      [49515, 49472, 118268, 40208],
      [49510, 49513, 358, 127],
    ]);
    expect(owners).toEqual([[22712], [22712]]);
  });

  it('places the columns of the real Sonoma and Sequoia headers (Sequoia adds rxbytes and txbytes before pid)', () => {
    const sonoma = readDarwinLayout(HEADERS[1] ?? '');
    const sequoia = readDarwinLayout(HEADERS[3] ?? '');
    expect(sonoma).toMatchObject({ named: false, rxbytes: null, txbytes: null });
    expect(sonoma.rest[sonoma.owner]).toBe('pid');
    expect(sequoia).toMatchObject({ named: false, rxbytes: 0, txbytes: 1 });
    expect(sequoia.owner).toBe(sonoma.owner + 2);
    expect(readDarwinLayout(HEADER_LINES[2] ?? '')).toMatchObject({ named: true, rxbytes: 0, txbytes: 1, owner: 4 });
  });

  it('never guesses the columns of rows without their header (real macOS 15.1 rows, grep-filtered)', () => {
    // These are the rows systeminformation read rhiwat from as the pid: without a header, nothing is read.
    expect(() => parseDarwinNetstat(SEQUOIA_ROWS)).toThrow(ParseError);
    expect(() => parseDarwinNetstat(SEQUOIA_ROWS)).toThrow(/row before any header line/);
  });

  it('reads the wide (-l) address columns of the real macOS 15.1 rows', () => {
    const columns = SEQUOIA_ROWS.split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/));
    expect(columns.map((c) => parseDarwinEndpoint(c[3] ?? '', 4, 'local').port)).toEqual([52137, 52126, 52125, 52094, 52038]);
    expect(parseDarwinEndpoint(columns[0]?.[4] ?? '', 4, 'foreign')).toEqual({ address: '34.117.41.85', port: 443 });
  });

  it('reads TCP and UDP runs concatenated, each under its own header', () => {
    const { sockets, warnings } = parseDarwinNetstat(`${TAHOE}\n${SIERRA_UDP}`);
    expect(sockets.map((s) => s.protocol)).toEqual(['tcp', 'tcp', 'udp', 'udp']);
    expect(warnings).toHaveLength(1);
  });
});

describe('parseDarwinEndpoint', () => {
  it('reads wildcards, IPv6 with a zone, and IPv4 on a dual-stack socket', () => {
    expect(parseDarwinEndpoint('*.*', 6, 'foreign')).toEqual({ address: null, port: 0 });
    expect(parseDarwinEndpoint('*.8809', 6, 'local')).toEqual({ address: null, port: 8809 });
    expect(parseDarwinEndpoint('fe80::1%lo0.5353', 6, 'local')).toEqual({ address: 'fe80::1', port: 5353 });
    expect(parseDarwinEndpoint('127.0.0.1.80', 6, 'local')).toEqual({ address: '::ffff:127.0.0.1', port: 80 });
    expect(() => parseDarwinEndpoint('fe80::aede:48ff:.5353', 6, 'local')).toThrow(/not IPv6/);
  });
});

/** macOS's spellings of the states this prints. */
const DARWIN_NAMES: Partial<Record<SocketState, string>> = {
  CLOSE: 'CLOSED',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RCVD',
  ESTABLISHED: 'ESTABLISHED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  FIN_WAIT1: 'FIN_WAIT_1',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  FIN_WAIT2: 'FIN_WAIT_2',
  TIME_WAIT: 'TIME_WAIT',
};

/** Prints a socket as a row under `header`: the values of each column after `(state)`. */
function darwinRow(s: RawSocket, pid: number, name: string, header: string): string {
  const layout = readDarwinLayout(header);
  const endpoint = (address: string | null, port: number | null) => `${address ?? '*'}.${port === null ? '*' : port}`;
  const any = s.family === 4 ? '0.0.0.0' : '::';
  const local = endpoint(s.localAddress === any ? null : s.localAddress, s.localPort);
  const rest = layout.rest.map((column, i) => {
    if (i === layout.owner) return layout.named ? `${name}:${pid}` : String(pid);
    if (column === 'rxbytes') return String(s.bytesReceived ?? 0);
    if (column === 'txbytes') return String(s.bytesSent ?? 0);
    return column === 'epid' ? '0' : '00102';
  });
  const state = s.protocol === 'udp' ? '' : (DARWIN_NAMES[s.state] ?? '');
  return `${s.protocol}${s.family}       0      0  ${local.padEnd(22)} ${endpoint(s.remoteAddress, s.remotePort).padEnd(22)} ${state.padEnd(11)} ${rest.join('  ')}`;
}

/** Sockets macOS's netstat can print distinctly: no IPv4-mapped text, UDP states from the peer. */
const darwinSockets = (counters: boolean) =>
  fc
    .uniqueArray(arbitrarySocket({ cookies: false, counters }), {
      minLength: 1,
      maxLength: 12,
      selector: ({ socket: s }) => `${s.protocol}${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`,
    })
    .map((generated) =>
      generated.map(({ socket }): RawSocket => {
        const state: SocketState =
          socket.protocol === 'udp' ? (socket.remoteAddress === null ? 'UNCONN' : 'ESTABLISHED') : socket.state === 'NEW_SYN_RECV' || socket.state === 'UNCONN' ? 'LISTEN' : socket.state;
        return {
          ...socket,
          state,
          inode: 0,
          uid: null,
          v6Only: null,
        };
      }),
    );

describe('parseDarwinNetstat on generated rows and mangled text', () => {
  it('round-trips generated sockets printed under each real header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADER_LINES),
        darwinSockets(true),
        fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom('launchd', 'Brave Browser He', 'a:b c'),
        (header, generated, pids, name) => {
          const layout = readDarwinLayout(header);
          const hasCounters = layout.rxbytes !== null;
          const sockets = generated.map((s) => (hasCounters ? { ...s, bytesSent: s.bytesSent ?? 0, bytesReceived: s.bytesReceived ?? 0 } : { ...s, bytesSent: null, bytesReceived: null }));
          const text = ['Active Internet connections (including servers)', header, ...sockets.map((s, i) => darwinRow(s, pids[i] ?? 1, name, header))].join('\n');
          const parsed = parseDarwinNetstat(text);
          expect(parsed.warnings).toEqual([]);
          expect(parsed.sockets).toEqual(sockets);
          expect(parsed.owners).toEqual(sockets.map((_, i) => [pids[i]]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws anything but ParseError, and never loses a line silently', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryMangledText([...HEADER_LINES, ...ROWS]), fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        try {
          const { sockets, owners, warnings } = parseDarwinNetstat(text);
          expect(owners).toHaveLength(sockets.length);
          const rowLines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*(Active |Proto\s+Recv-Q\s)/i.test(line));
          // Every other line is a socket or a warning (identical rows merge into one socket).
          expect(sockets.length + warnings.length).toBeLessThanOrEqual(rowLines.length);
          if (sockets.length === 0) expect(warnings).toHaveLength(rowLines.length);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
