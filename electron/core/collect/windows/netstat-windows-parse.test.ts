import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import type { RawSocket, SocketState } from '../../model.js';
import { arbitraryMangledText, arbitrarySocket } from '../test-arbitraries.js';
import { parseNetstatWindows } from './netstat-windows-parse.js';

/** Real Windows 10 `netstat -aon` output (header lines starting `# ` name where it came from). */
const FIXTURE = readFileSync(new URL('./fixtures/netstat-ano-windows-10.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('# '))
  .join('\r\n'); // Windows ends lines so
const ROWS = FIXTURE.split('\r\n').filter((line) => /^\s+(TCP|UDP)\s/.test(line));
/** Real zh-CN `netstat -ano` output: translated headers, a cut marked `...`, long fe80 endpoints. */
const CHINESE = readFileSync(new URL('./fixtures/netstat-ano-zh-cn.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('# '))
  .join('\r\n');

const WINDOWS_NAMES: Partial<Record<SocketState, string>> = {
  CLOSE: 'CLOSED',
  LISTEN: 'LISTENING',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RECEIVED',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
};

/** Prints a socket the way Windows' netstat -ano does (`  %s    %-21s  %-21s  %-14s  %s`, as the capture's columns show). */
function windowsLine(s: RawSocket, pid: number): string {
  const host = (address: string) => (s.family === 6 ? `[${address}]` : address);
  const local = `${host(s.localAddress)}:${s.localPort}`;
  const peer = s.remoteAddress === null ? `${host(s.family === 6 ? '::' : '0.0.0.0')}:0` : `${host(s.remoteAddress)}:${s.remotePort}`;
  const udp = s.protocol === 'udp';
  return `  ${udp ? 'UDP' : 'TCP'}    ${local.padEnd(21)}  ${(udp ? '*:*' : peer).padEnd(21)}  ${(udp ? '' : (WINDOWS_NAMES[s.state] ?? '')).padEnd(14)}  ${pid}`;
}

/** Sockets Windows' netstat can show: UDP without peers, no v4-mapped text, distinct endpoints. */
const windowsSockets = fc
  .uniqueArray(arbitrarySocket({ cookies: false, counters: false }), {
    minLength: 1,
    maxLength: 15,
    selector: ({ socket: s }) => `${s.protocol}${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`,
  })
  .map((generated) =>
    generated.map(({ socket }): RawSocket => {
      const udp = socket.protocol === 'udp';
      const state: SocketState = udp ? 'UNCONN' : socket.state === 'NEW_SYN_RECV' || socket.state === 'UNCONN' ? 'LISTEN' : socket.state;
      return { ...socket, state, inode: 0, uid: null, remoteAddress: udp ? null : socket.remoteAddress, remotePort: udp ? null : socket.remotePort };
    }),
  )
  // Dropping a UDP socket's peer can make two generated sockets one endpoint: netstat shows that
  // as one row, so keep the first of each.
  .map((sockets) => {
    const seen = new Set<string>();
    return sockets.filter((s) => {
      const key = `${s.protocol}${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
  });

describe('parseNetstatWindows', () => {
  it('reads every row of real Windows 10 output, with its owner', () => {
    const { sockets, owners, warnings } = parseNetstatWindows(FIXTURE);
    expect(warnings).toEqual([]);
    // Rows naming the same endpoints are one socket row: count the distinct ones.
    const distinct = new Set(ROWS.map((line) => line.trim().split(/\s+/).slice(0, -1).join(' ')));
    expect(sockets).toHaveLength(distinct.size);
    const find = (local: string, remote: string | null = null) =>
      sockets.findIndex((s) => `${s.localAddress}:${s.localPort}` === local && (remote === null ? s.remoteAddress === null : `${s.remoteAddress}:${s.remotePort}` === remote));
    const smb = find('0.0.0.0:445');
    expect(sockets[smb]).toMatchObject({ protocol: 'tcp', family: 4, state: 'LISTEN', remotePort: null, inode: 0, uid: null });
    expect(owners[smb]).toEqual([4]);
    expect(owners[find('127.0.0.1:1031', '127.0.0.1:1032')]).toEqual([10644]);
    expect(sockets[find('::1:1025')]).toMatchObject({ family: 6, state: 'LISTEN' });
    // Two sockets of one process on UDP 0.0.0.0:53: one row, one owner.
    expect(owners[find('0.0.0.0:53')]).toEqual([4808]);
    // Two processes on [::1]:5353: one row, both owners.
    expect(owners[find('::1:5353')]).toEqual([7140, 7340]);
    // A link-local address with its zone (%9): the zone is dropped.
    expect(sockets[find('fe80::244e:2f1e:2096:62b2:1900')]).toMatchObject({ protocol: 'udp', family: 6, state: 'UNCONN' });
  });

  it('round-trips generated sockets printed the way netstat -ano prints them', () => {
    fc.assert(
      fc.property(windowsSockets, fc.array(fc.integer({ min: 0, max: 99_999 }), { minLength: 15, maxLength: 15 }), (sockets, pids) => {
        const text = ['', 'Active Connections', '', '  Proto  Local Address          Foreign Address        State           PID', ...sockets.map((s, i) => windowsLine(s, pids[i] ?? 0))].join('\r\n');
        const parsed = parseNetstatWindows(text);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.sockets).toEqual(sockets);
        expect(parsed.owners).toEqual(sockets.map((_, i) => (pids[i] ? [pids[i]] : [])));
      }),
      { numRuns: 500 },
    );
  });

  it('reads real zh-CN output: translated headers and the `...` cut are headers, every row is read', () => {
    const { sockets, owners, warnings } = parseNetstatWindows(CHINESE);
    expect(warnings).toEqual([]);
    expect(sockets).toHaveLength(10);
    expect(sockets[0]).toMatchObject({ protocol: 'tcp', family: 4, localAddress: '0.0.0.0', localPort: 135, state: 'LISTEN', remoteAddress: null });
    expect(owners[0]).toEqual([1120]);
    // An endpoint wider than its column leaves two spaces before `*:*`; the zone (%21) is dropped.
    expect(sockets[4]).toMatchObject({ protocol: 'udp', family: 6, localAddress: 'fe80::752e:78f:ce2:5f60', localPort: 1900, state: 'UNCONN' });
    expect(owners.slice(4)).toEqual(Array.from({ length: 6 }, () => [10224]));
  });

  it('warns about a row it cannot read, and throws when none can be read', () => {
    const withBadRow = [...CHINESE.split('\r\n').slice(0, 5), '  TCP    0.0.0.0:135            0.0.0.0:0              DELETE_TCB      1712'].join('\r\n');
    const { sockets, warnings } = parseNetstatWindows(withBadRow);
    expect(sockets).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/^netstat -ano line 6: unknown TCP state "DELETE_TCB"/)]);
    expect(() => parseNetstatWindows('  TCP    0.0.0.0:135   0.0.0.0:0   LISTENING\r\n')).toThrow(ParseError);
    expect(parseNetstatWindows('\r\nActive Connections\r\n')).toEqual({ sockets: [], owners: [], warnings: [] });
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryMangledText(ROWS), fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        try {
          const { sockets, owners, warnings } = parseNetstatWindows(text);
          expect(owners).toHaveLength(sockets.length);
          expect(sockets.length + warnings.length).toBeLessThanOrEqual(text.split('\n').length);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
