// The netstat collector against ss on real sockets of a child process: the same rows, TIME_WAIT
// included (net-tools reads the kernel's /proc/net tables). Owners come from the inode lookup
// every Linux source shares, so the same inodes mean the same owners.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutTools } from '../../../test-support/system-tools.js';
import { CollectorError } from '../../model.js';
import type { RawSocket } from '../../model.js';
import { SsCollector } from '../ss-collector.js';
import { startSocketChild, type SocketChild } from '../test-socket-child.js';
import { NetstatCollector } from './netstat-collector.js';

const missing = withoutTools('netstat', 'ss');

const tuple = (s: Pick<RawSocket, 'protocol' | 'family' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>): string =>
  `${s.protocol}${s.family} ${s.localAddress}:${s.localPort} -> ${s.remoteAddress ?? '*'}:${s.remotePort ?? '*'}`;
/** What netstat and ss must agree on (netstat has no cookies, counters or IPV6_V6ONLY). */
const row = (s: RawSocket): string => `${tuple(s)} ${s.state} inode=${s.inode} uid=${s.uid}`;

describe.skipIf(missing)('netstat collector against ss on real sockets', () => {
  let child: SocketChild | undefined;
  let wanted = new Set<string>();
  const netstat = new NetstatCollector();

  beforeAll(async () => {
    child = await startSocketChild();
    wanted = new Set(child.sockets.map(tuple));
  });
  afterAll(async () => {
    await child?.stop();
  });

  it('lists the child\'s sockets as ss does: addresses, state, inode and uid, TIME_WAIT included', () => {
    const ours = (rows: RawSocket[]) => rows.filter((s) => wanted.has(tuple(s))).map(row).sort();
    const fromNetstat = ours(netstat.collect());
    expect(netstat.lastWarnings).toEqual([]);
    expect(fromNetstat).toEqual(ours(new SsCollector().collect()));
    expect(fromNetstat.length).toBe(child?.sockets.length);
    const kinds = new Set(netstat.collect().filter((s) => wanted.has(tuple(s))).map((s) => `${s.protocol}${s.family} ${s.state}`));
    for (const kind of ['tcp4 LISTEN', 'tcp6 LISTEN', 'tcp4 ESTABLISHED', 'tcp6 ESTABLISHED', 'udp4 UNCONN', 'udp6 ESTABLISHED', 'tcp4 TIME_WAIT'])
      expect(kinds, kind).toContain(kind);
  });

  it('throws CollectorError naming the command when netstat cannot run', () => {
    const absent = new NetstatCollector({ command: '/nonexistent/netstat' });
    expect(() => absent.collect()).toThrow(CollectorError);
    expect(() => absent.collect()).toThrow(/cannot run \/nonexistent\/netstat -tuanWe/);
  });
});
