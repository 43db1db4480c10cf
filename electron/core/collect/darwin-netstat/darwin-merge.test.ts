// The merge is pure: both sides are rows parsed from real macOS netstat captures; the lsof side
// is derived from them (rows dropped, a second holder, no counters), as lsof would see them.
import { describe, expect, it } from 'vitest';
import type { RawSocket } from '../../model.js';
import { darwinCapture } from './darwin-fixtures.js';
import { mergeDarwinSockets } from './darwin-merge.js';
import type { DarwinSide } from './darwin-merge.js';
import { parseDarwinNetstat } from './darwin-netstat-parse.js';

const TAHOE = parseDarwinNetstat(darwinCapture('netstat-anv-tcp-tahoe.txt'));
const MOJAVE = parseDarwinNetstat(darwinCapture('netstat-v-n-p-tcp-mojave.txt'));
const SIERRA_UDP = parseDarwinNetstat(darwinCapture('netstat-anv-p-udp-sierra.txt'));

/** netstat's side: the real rows and their pids. */
function netstatSide(...parsed: ReturnType<typeof parseDarwinNetstat>[]): DarwinSide {
  const sockets = parsed.flatMap((p) => p.sockets);
  const owners = parsed.flatMap((p) => p.owners);
  return { sockets, owners: (_, i) => owners[i] };
}

/** What lsof reports of a socket netstat listed: its holder's uid, no counters. */
function asLsof(socket: RawSocket, uid = 501): RawSocket {
  return { ...socket, uid, bytesSent: null, bytesReceived: null };
}

function lsofSide(rows: readonly { socket: RawSocket; holders: number[] }[]): DarwinSide {
  return { sockets: rows.map((r) => r.socket), owners: (_, i) => rows[i]?.holders };
}

describe('mergeDarwinSockets (rows of real captures)', () => {
  const [fusionIn, fusionOut] = TAHOE.sockets as [RawSocket, RawSocket];

  it("keeps lsof's holders, adds netstat's counters to the sockets both list, and netstat's sockets lsof could not see", () => {
    // lsof (as this user) sees the first Autodesk Fusion connection, held by two processes, and none of the Mojave ones.
    const lsof = lsofSide([{ socket: asLsof(fusionIn), holders: [22712, 22713] }]);
    const merged = mergeDarwinSockets(lsof, netstatSide(TAHOE, MOJAVE));
    expect(merged).toMatchObject({ matched: 1, added: 1 + MOJAVE.sockets.length });
    const [first, ...rest] = merged.sockets;
    expect(first).toEqual({ ...asLsof(fusionIn), bytesReceived: 118268, bytesSent: 40208 });
    expect(first && merged.owners.get(first)).toEqual([22712, 22713]);
    // Added rows are netstat's own, owned by the pid it names.
    expect(rest[0]).toBe(fusionOut);
    expect(merged.owners.get(fusionOut)).toEqual([22712]);
    expect(rest.slice(1).map((s) => merged.owners.get(s))).toEqual(MOJAVE.owners);
  });

  it('keeps the rows only lsof listed, without counters', () => {
    const lsof = lsofSide(SIERRA_UDP.sockets.map((s) => ({ socket: asLsof(s), holders: [505] })));
    const merged = mergeDarwinSockets(lsof, netstatSide(TAHOE));
    expect(merged).toMatchObject({ matched: 0, added: 2 });
    expect(merged.sockets.slice(0, 2)).toEqual(SIERRA_UDP.sockets.map((s) => asLsof(s)));
    expect(merged.sockets.slice(0, 2).map((s) => merged.owners.get(s))).toEqual([[505], [505]]);
  });

  it('matches an IPv6 socket lsof names by its IPv4-mapped addresses to netstat\'s IPv4 row', () => {
    const mapped: RawSocket = { ...asLsof(fusionOut), family: 6, localAddress: '::ffff:127.0.0.1', remoteAddress: '::ffff:127.0.0.1' };
    const merged = mergeDarwinSockets(lsofSide([{ socket: mapped, holders: [22712] }]), netstatSide(TAHOE));
    expect(merged).toMatchObject({ matched: 1, added: 1 });
    expect(merged.sockets[0]).toMatchObject({ family: 6, localAddress: '::ffff:127.0.0.1', bytesReceived: 358, bytesSent: 127 });
  });

  it('gives no owner to a netstat row with pid 0, and is empty for two empty sides', () => {
    const noOwner = { sockets: [fusionIn], owners: () => [] };
    const merged = mergeDarwinSockets(lsofSide([]), noOwner);
    expect(merged.sockets).toEqual([fusionIn]);
    expect(merged.owners.size).toBe(0);
    expect(merged.netstatOnly).toEqual(new Set([fusionIn]));
    expect(mergeDarwinSockets(lsofSide([]), lsofSide([]))).toEqual({ sockets: [], owners: new Map(), matched: 0, added: 0, netstatOnly: new Set() });
  });
});
