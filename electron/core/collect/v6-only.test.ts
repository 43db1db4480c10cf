// IPV6_V6ONLY from real sockets: netlink and ss tell it for IPv6 listening and unconnected
// sockets, /proc/net never does; the one-shot listing carries it, and the monitor's diff reports
// it when a bound UDP socket connects (the kernel then tells it no more).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren, V6_ONLY_SCRIPT, waitFor, type Child } from '../../test-support/children.js';
import { withoutTools } from '../../test-support/system-tools.js';
import { diffSnapshots } from '../diff/diff-snapshots.js';
import type { RawSocket, SnapshotSource, SocketRow } from '../model.js';
import { SnapshotPipeline } from '../snapshot/pipeline.js';
import { takeListing } from '../one-shot/socket-listing.js';
import type { LinuxCollector } from './linux-collector.js';
import { NetlinkCollector } from './netlink-collector.js';
import { ProcNetCollector } from './proc-net-collector.js';
import { SsCollector } from './ss-collector.js';

/** The sources that read the kernel's tables (lsof and netstat have tests of their own). */
type KernelSource = Extract<SnapshotSource, 'netlink' | 'ss' | 'proc'>;

const noSs = withoutTools('ss');

type Ports = Record<'tcpOnly' | 'tcpDual' | 'udpOnly' | 'udpDual' | 'connects' | 'v4', number>;

/** What each source must say of each socket: netlink and ss alike, /proc/net nothing. */
const TOLD = { tcpOnly: true, tcpDual: false, udpOnly: true, udpDual: false, connects: false, v4: null } as const;

describe('v6Only of real sockets', () => {
  let child: Child;
  let ports: Ports;
  const collectors: Record<KernelSource, LinuxCollector> = {
    netlink: new NetlinkCollector(),
    ss: new SsCollector(),
    proc: new ProcNetCollector(),
  };

  /**
   * The child's socket on `port` (its listener or bound socket, not a connection to it). The
   * family matters: an IPv6-only socket leaves the same IPv4 port free for another process.
   */
  const find = (sockets: readonly (RawSocket | SocketRow)[], name: keyof Ports) =>
    sockets.filter((s) => s.localPort === ports[name] && s.remotePort === null && s.family === (name === 'v4' ? 4 : 6));

  beforeAll(async () => {
    child = await startChild(V6_ONLY_SCRIPT);
    ports = child.ready as Ports;
  });
  afterAll(async () => {
    await stopAllChildren();
    for (const collector of Object.values(collectors)) collector.close();
  });

  it.for(['netlink', 'ss', 'proc'] as const)('%s tells it where it can, null elsewhere', (source, { skip }) => {
    skip(source === 'ss' && noSs !== null, noSs ?? undefined);
    const sockets = collectors[source].collect();
    for (const [name, told] of Object.entries(TOLD) as [keyof Ports, boolean | null][]) {
      const found = find(sockets, name);
      expect(found, name).toHaveLength(1);
      expect(found[0], name).toMatchObject({ family: name === 'v4' ? 4 : 6, v6Only: source === 'proc' ? null : told });
    }
  });

  it('reaches the one-shot listing (`portlens list`) as netlink tells it', () => {
    const listing = takeListing();
    expect(listing).not.toBeNull();
    const rows = Array.from({ length: listing!.length }, (_, i) => listing!.rowAt(i));
    for (const [name, told] of Object.entries(TOLD) as [keyof Ports, boolean | null][])
      expect(find(rows, name)[0], name).toMatchObject({ v6Only: told, pids: [child.pid] });
  });

  it('is patched by the diff when a bound UDP socket connects (netlink, the same row id)', async () => {
    const pipeline = new SnapshotPipeline({
      collector: collectors.netlink,
      owners: { resolve: () => new Map() },
      processes: { get: () => null, prune: () => undefined },
    });
    const before = await pipeline.tick();
    const bound = before.sockets.find((row) => row.localPort === ports.connects && row.protocol === 'udp');
    expect(bound).toMatchObject({ state: 'UNCONN', localAddress: '::', v6Only: false });
    process.kill(child.pid, 'SIGUSR2');
    await waitFor(
      () => collectors.netlink.collect().some((s) => s.localPort === ports.connects && s.state === 'ESTABLISHED'),
      10_000,
      'the UDP socket to connect',
    );
    const after = await pipeline.tick();
    const delta = diffSnapshots(before, after);
    expect(delta.changed.find((patch) => patch.id === bound!.id)).toMatchObject({
      state: 'ESTABLISHED',
      localAddress: '::1',
      remoteAddress: '::1',
      remotePort: ports.udpDual,
      scope: 'loopback',
      v6Only: null,
    });
  });
});
