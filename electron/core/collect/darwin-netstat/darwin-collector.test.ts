// macOS's netstat and lsof cannot run here: the collector gets a stand-in netstat runner that
// returns real captures, and a stand-in lsof side whose rows are derived from those captures.
// What is tested is the wiring (arguments, merge, owners by socket, warnings), not macOS.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { withoutTools } from '../../../test-support/system-tools.js';
import { CollectorError } from '../../model.js';
import type { RawSocket } from '../../model.js';
import type { LinuxCollector } from '../linux-collector.js';
import { LSOF_UNPRIVILEGED_WARNING } from '../lsof/lsof-collector.js';
import { DarwinCollector, darwinUnprivilegedNote } from './darwin-collector.js';
import { darwinCapture } from './darwin-fixtures.js';
import { parseDarwinNetstat } from './darwin-netstat-parse.js';

const TAHOE = darwinCapture('netstat-anv-tcp-tahoe.txt');
const SIERRA_UDP = darwinCapture('netstat-anv-p-udp-sierra.txt');
const [fusion] = parseDarwinNetstat(TAHOE).sockets as [RawSocket];

/** A stand-in netstat: the TCP capture for `-p tcp`, the UDP one for `-p udp`; records its calls. */
function standInNetstat(calls: string[][], fail = false) {
  return (args: readonly string[]): string => {
    calls.push([...args]);
    if (fail) throw new CollectorError('netstat', 'cannot run netstat: spawnSync netstat ENOENT');
    return args.includes('udp') ? SIERRA_UDP : TAHOE;
  };
}

/** A stand-in lsof side: the first Tahoe connection, held by two processes, as lsof reports it (no counters). */
function standInLsof(fail = false, elevated = false): LinuxCollector {
  const socket: RawSocket = { ...fusion, uid: 501, bytesSent: null, bytesReceived: null };
  return {
    source: 'lsof',
    lastWarnings: elevated ? [] : [LSOF_UNPRIVILEGED_WARNING],
    collect: () => {
      if (fail) throw new CollectorError('lsof', 'cannot run lsof -nP: spawnSync lsof ENOENT');
      return [socket];
    },
    ownersOf: (s) => (s === socket ? [22712, 22713] : undefined),
    close: () => {},
  };
}

describe('DarwinCollector (stand-in netstat and lsof)', () => {
  it('runs netstat -anvWl for tcp and udp and merges its rows with lsof\'s (stand-in)', () => {
    const calls: string[][] = [];
    const collector = new DarwinCollector({ lsof: standInLsof(), netstat: standInNetstat(calls), elevated: false });
    const sockets = collector.collect();
    expect(calls).toEqual([
      ['-a', '-n', '-v', '-W', '-l', '-p', 'tcp'],
      ['-a', '-n', '-v', '-W', '-l', '-p', 'udp'],
    ]);
    // lsof's row with its two holders and netstat's counters; then netstat's other TCP row and
    // its two UDP rows; the cut UDP line is a warning.
    expect(sockets).toHaveLength(4);
    expect(sockets[0]).toMatchObject({ uid: 501, bytesReceived: 118268, bytesSent: 40208 });
    // Not root: the rows only netstat lists are another user's, whose holder PortLens cannot
    // confirm (netstat's pid is the socket's last user): hidden. As root, netstat's pid stands.
    expect(sockets.map((s) => collector.ownersOf(s))).toEqual([[22712, 22713], 'permission', 'permission', 'permission']);
    const root = new DarwinCollector({ lsof: standInLsof(false, true), netstat: standInNetstat([]), elevated: true });
    expect(root.collect().map((s) => root.ownersOf(s))).toEqual([[22712, 22713], [22712], [505], [505]]);
    // Not lsof's "sockets are missing": netstat filled the gap, and the note says how owners were found.
    expect(collector.lastWarnings).not.toContain(LSOF_UNPRIVILEGED_WARNING);
    expect(collector.lastWarnings[0]).toBe(darwinUnprivilegedNote(3));
    expect(collector.lastWarnings.slice(1)).toEqual([expect.stringMatching(/^netstat -anv line \d+: 0 columns after the state/)]);
  });

  it('says nothing of privileges as root (stand-in)', () => {
    const collector = new DarwinCollector({ lsof: standInLsof(false, true), netstat: standInNetstat([]), elevated: true });
    collector.collect();
    expect(collector.lastWarnings.some((w) => w.includes('lsof lists only'))).toBe(false);
  });

  it("keeps lsof's rows, and lsof's warning, when netstat fails (stand-in)", () => {
    const collector = new DarwinCollector({ lsof: standInLsof(), netstat: standInNetstat([], true), elevated: false });
    const sockets = collector.collect();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]).toMatchObject({ bytesSent: null });
    expect(collector.ownersOf(sockets[0] as RawSocket)).toEqual([22712, 22713]);
    expect(collector.lastWarnings).toEqual([LSOF_UNPRIVILEGED_WARNING, expect.stringMatching(/^netstat -anv failed \(netstat: cannot run netstat/)]);
  });

  it("keeps netstat's rows and owners when lsof fails, and throws only when both fail (stand-in)", () => {
    const collector = new DarwinCollector({ lsof: standInLsof(true), netstat: standInNetstat([]), elevated: true });
    const sockets = collector.collect();
    expect(sockets.map((s) => collector.ownersOf(s))).toEqual([[22712], [22712], [505], [505]]);
    expect(collector.lastWarnings[0]).toMatch(/^lsof failed \(lsof: cannot run lsof.*owners are the pids netstat -anv names/);
    const user = new DarwinCollector({ lsof: standInLsof(true), netstat: standInNetstat([]), elevated: false });
    expect(user.collect().map((s) => user.ownersOf(s))).toEqual(['permission', 'permission', 'permission', 'permission']);
    expect(user.lastWarnings[0]).toMatch(/^lsof failed \(lsof: cannot run lsof.*owners stay hidden/);
    const neither = new DarwinCollector({ lsof: standInLsof(true), netstat: standInNetstat([], true) });
    expect(() => neither.collect()).toThrow(CollectorError);
  });

  it('reports netstat output it cannot read as netstat failing (stand-in printing rows without a header)', () => {
    const rows = darwinCapture('netstat-natvln-sequoia-rows.txt');
    const collector = new DarwinCollector({ lsof: standInLsof(), netstat: () => rows, elevated: false });
    expect(collector.collect()).toHaveLength(1);
    expect(collector.lastWarnings.at(-1)).toMatch(/^netstat -anv failed \(netstat: netstat -anv line 1: no line could be read/);
  });
});

const noLsof = withoutTools('lsof');

describe.skipIf(noLsof)('DarwinCollector with this machine\'s real lsof and a stand-in netstat', () => {
  it("keeps the real lsof's row and holder of a real listener, and adds the stand-in's rows (stand-in netstat)", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const collector = new DarwinCollector({ netstat: standInNetstat([]), elevated: false });
      const sockets = collector.collect();
      const mine = sockets.find((s) => s.protocol === 'tcp' && s.state === 'LISTEN' && s.localPort === port);
      expect(mine && collector.ownersOf(mine)).toEqual([process.pid]);
      // The captures' four sockets are not this machine's: netstat adds them, owners hidden (not root).
      const captured = sockets.filter((s) => s.localAddress === '192.168.11.160' || (s.localAddress === '127.0.0.1' && [49515, 49510].includes(s.localPort)));
      expect(captured.map((s) => collector.ownersOf(s))).toEqual(['permission', 'permission', 'permission', 'permission']);
      expect(collector.lastWarnings[0]).toBe(darwinUnprivilegedNote(4));
      expect(collector.lastWarnings).not.toContain(LSOF_UNPRIVILEGED_WARNING);
      collector.close();
    } finally {
      server.close();
    }
  }, 30_000);
});
