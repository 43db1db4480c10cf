import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSocket, SnapshotSource } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { NetlinkCollector } from './netlink-collector.js';
import { ProcNetCollector } from './proc-net-collector.js';
import { SsCollector } from './ss-collector.js';
import { withoutTools } from '../../test-support/system-tools.js';
import { TRANSFER_BYTES, inodeOfFd, startSocketChild } from './test-socket-child.js';
import type { ChildSocket, SocketChild } from './test-socket-child.js';

/** The sources that read the kernel's tables (lsof and netstat have tests of their own). */
type KernelSource = Extract<SnapshotSource, 'netlink' | 'ss' | 'proc'>;

type Expected = ChildSocket & { inode: number };

/** Why the `ss` cases are skipped here (no iproute2), or null: the other sources still run. */
const noSs = withoutTools('ss');

/** A socket's identity: what no other process can share while it lives. */
const tuple = (
  s: Pick<RawSocket, 'protocol' | 'family' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>,
): string =>
  `${s.protocol}${s.family} ${s.localAddress}:${s.localPort} -> ${s.remoteAddress ?? '*'}:${s.remotePort ?? '*'}`;
/** What every source must agree on. */
const row = (s: RawSocket): string => `${tuple(s)} ${s.state} inode=${s.inode} uid=${s.uid}`;

describe('Linux collectors against real sockets of a child process', () => {
  const collectors: Record<KernelSource, LinuxCollector> = {
    netlink: new NetlinkCollector(),
    ss: new SsCollector(),
    proc: new ProcNetCollector(),
  };
  let child: SocketChild | undefined;
  let expected: Expected[] = [];
  let wanted = new Set<string>();

  /** This collector's rows for the child's sockets only: the machine has others that come and go. */
  const ours = (source: KernelSource): RawSocket[] =>
    collectors[source].collect().filter((s) => wanted.has(tuple(s)));

  beforeAll(async () => {
    const started = await startSocketChild();
    child = started;
    expected = started.sockets.map((s) => ({
      ...s,
      inode: s.fd === null ? 0 : inodeOfFd(started.pid, s.fd),
    }));
    wanted = new Set(expected.map(tuple));
  });

  afterAll(async () => {
    await child?.stop();
    for (const collector of Object.values(collectors)) collector.close();
  });

  it.for(['netlink', 'ss', 'proc'] as const)(
    '%s sees each socket with its state, addresses, ports, inode and uid',
    (source, { skip }) => {
      skip(source === 'ss' && noSs !== null, noSs ?? undefined);
      const rows = ours(source);
      expect(collectors[source].lastWarnings).toEqual([]);
      expect(expected.map((e) => e.name)).toEqual(
        expect.arrayContaining([
          'listen-127.0.0.1',
          'listen-::1',
          'listen-0.0.0.0',
          'udp-bound',
          'time-wait',
        ]),
      );
      for (const e of expected) {
        const found = rows.filter((s) => tuple(s) === tuple(e));
        expect(found, e.name).toHaveLength(1);
        expect(found[0], e.name).toMatchObject({
          state: e.state,
          inode: e.inode,
          uid: e.state === 'TIME_WAIT' ? null : process.getuid?.(),
        });
      }
    },
  );

  it.for(['netlink', 'ss'] as const)(
    '%s reports over 1 MB sent and received at both ends of the transfer',
    (source, { skip }) => {
      skip(source === 'ss' && noSs !== null, noSs ?? undefined);
      const rows = ours(source);
      for (const name of ['transfer-client', 'transfer-server']) {
        const e = expected.find((s) => s.name === name);
        const found = rows.find((s) => e !== undefined && tuple(s) === tuple(e));
        expect(found?.bytesSent, name).toBeGreaterThanOrEqual(1_000_000);
        expect(found?.bytesReceived, name).toBeGreaterThanOrEqual(TRANSFER_BYTES);
        expect(found?.cookie, name).toMatch(/^\d+$/);
      }
      for (const s of rows.filter((r) => r.protocol === 'udp' || r.state === 'TIME_WAIT')) {
        expect(s).toMatchObject({ bytesSent: null, bytesReceived: null });
      }
    },
  );

  it('/proc/net lists the same rows as netlink', () => {
    expect(new Set(ours('proc').map(row))).toEqual(new Set(ours('netlink').map(row)));
  });

  it.skipIf(noSs)('ss lists the same rows as netlink, and the same cookies', () => {
    const netlink = ours('netlink');
    const ss = ours('ss');
    expect(new Set(ss.map(row))).toEqual(new Set(netlink.map(row)));
    const cookies = (rows: RawSocket[]) => new Set(rows.map((s) => `${tuple(s)} ${s.cookie}`));
    expect(cookies(ss)).toEqual(cookies(netlink));
  });

  it('netlink lists the same rows with one combined TCP dump as with one dump per family', () => {
    const perFamily = new NetlinkCollector({ combinedTcpDump: false });
    try {
      const separate = perFamily.collect().filter((s) => wanted.has(tuple(s)));
      expect(perFamily.lastWarnings).toEqual([]);
      expect(new Set(separate.map(row))).toEqual(new Set(ours('netlink').map(row)));
    } finally {
      perFamily.close();
    }
  });

  it('every source reports the TIME_WAIT socket with inode 0 and no owner', () => {
    const e = expected.find((s) => s.name === 'time-wait');
    expect(e).toBeDefined();
    for (const source of noSs === null ? (['netlink', 'ss', 'proc'] as const) : (['netlink', 'proc'] as const)) {
      const found = ours(source).find((s) => e !== undefined && tuple(s) === tuple(e));
      expect(found, source).toMatchObject({ state: 'TIME_WAIT', inode: 0, uid: null });
    }
  });

  it('/proc/net carries neither counters nor cookies', () => {
    for (const s of ours('proc'))
      expect(s).toMatchObject({ cookie: null, bytesSent: null, bytesReceived: null });
  });
});
