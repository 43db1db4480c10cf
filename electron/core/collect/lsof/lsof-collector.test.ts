// The lsof collector (macOS's socket source) against ss on real sockets of child processes:
// the same rows, and the same owners as the /proc inode lookup, wherever lsof can see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutTools } from '../../../test-support/system-tools.js';
import { startSharedSocketChild, type SharedSocketChild } from '../../../test-support/shared-socket-child.js';
import { stopAllChildren } from '../../../test-support/children.js';
import { CollectorError } from '../../model.js';
import type { RawSocket } from '../../model.js';
import { OwnerResolver } from '../../owners/index.js';
import { SsCollector } from '../ss-collector.js';
import { startSocketChild, type SocketChild } from '../test-socket-child.js';
import { LsofCollector } from './lsof-collector.js';

const missing = withoutTools('lsof', 'ss');
const noLsof = withoutTools('lsof');

const tuple = (s: RawSocket): string =>
  `${s.protocol}${s.family} ${s.localAddress}:${s.localPort} -> ${s.remoteAddress ?? '*'}:${s.remotePort ?? '*'}`;
/** What lsof and ss must agree on (lsof has no cookies, counters or IPV6_V6ONLY). */
const row = (s: RawSocket): string => `${tuple(s)} ${s.state} inode=${s.inode} uid=${s.uid}`;

describe.skipIf(missing)('lsof collector against ss on real sockets', () => {
  let child: SocketChild | undefined;
  let shared: SharedSocketChild | undefined;
  let ssRows: RawSocket[] = [];
  let lsofRows: RawSocket[] = [];
  const lsof = new LsofCollector();
  /** Owners of ss's rows by inode, from the /proc fd tables. */
  const inodeOwners = new Map<number, number[]>();

  beforeAll(async () => {
    child = await startSocketChild();
    shared = await startSharedSocketChild();
    const wanted = new Set([child.pid, shared.child.pid, shared.holderPid]);
    const owned = (rows: RawSocket[], ownersOf: (s: RawSocket) => readonly number[] | undefined) =>
      rows.filter((s) => ownersOf(s)?.some((pid) => wanted.has(pid)));
    const ss = new SsCollector().collect();
    const answers = new OwnerResolver().resolve(ss.map((s) => s.inode).filter((inode) => inode !== 0));
    for (const s of ss) {
      const answer = answers.get(s.inode);
      if (answer && 'pids' in answer) inodeOwners.set(s.inode, answer.pids);
    }
    ssRows = owned(ss, (s) => inodeOwners.get(s.inode));
    lsofRows = owned(lsof.collect(), (s) => lsof.ownersOf(s));
  });

  afterAll(async () => {
    await child?.stop();
    await stopAllChildren();
  });

  it('lists every owned socket ss lists, with the same addresses, state, inode and uid', () => {
    expect(ssRows.length).toBeGreaterThanOrEqual(child?.sockets.filter((s) => s.fd !== null).length ?? 1);
    expect(lsof.lastWarnings).toEqual([]);
    expect(lsofRows.map(row).sort()).toEqual(ssRows.map(row).sort());
  });

  it('covers listeners and connections, TCP and UDP, IPv4 and IPv6', () => {
    const kinds = new Set(lsofRows.map((s) => `${s.protocol}${s.family} ${s.state}`));
    for (const kind of ['tcp4 LISTEN', 'tcp6 LISTEN', 'tcp4 ESTABLISHED', 'tcp6 ESTABLISHED', 'udp4 UNCONN', 'udp6 ESTABLISHED'])
      expect(kinds, kind).toContain(kind);
  });

  it('names the same owners as the /proc inode lookup, both holders of a shared socket included', () => {
    for (const s of lsofRows) expect(lsof.ownersOf(s), row(s)).toEqual(inodeOwners.get(s.inode));
    const sharedRow = lsofRows.find((s) => s.localPort === shared?.clientPort && s.state === 'ESTABLISHED');
    expect(sharedRow && lsof.ownersOf(sharedRow)).toEqual([shared?.child.pid, shared?.holderPid].sort((a = 0, b = 0) => a - b));
  });

  it('does not list a TIME_WAIT socket: no process holds one (ss does)', () => {
    const timeWait = child?.sockets.find((s) => s.state === 'TIME_WAIT');
    const all = lsof.collect();
    expect(all.some((s) => s.state === 'TIME_WAIT' && s.localPort === timeWait?.localPort)).toBe(false);
  });

  it('throws CollectorError naming the command when lsof cannot run', () => {
    const absent = new LsofCollector({ command: '/nonexistent/lsof' });
    expect(() => absent.collect()).toThrow(CollectorError);
    expect(() => absent.collect()).toThrow(/cannot run \/nonexistent\/lsof -nP/);
  });
});

// Needs only lsof, so it also runs on macOS (CI): each socket as Node itself reports it.
describe.skipIf(noLsof)('lsof collector against the sockets a child reports', () => {
  let child: SocketChild | undefined;
  beforeAll(async () => {
    child = await startSocketChild();
  });
  afterAll(async () => {
    await child?.stop();
  });

  it('finds each listener, bound UDP socket and loopback connection of the child, owned by it', () => {
    const lsof = new LsofCollector();
    const rows = lsof.collect();
    for (const name of ['listen-127.0.0.1', 'listen-::1', 'listen-0.0.0.0', 'udp-bound', 'udp-connected', 'transfer-client', 'transfer-server']) {
      const e = child?.sockets.find((s) => s.name === name);
      const found = rows.filter(
        (s) => e !== undefined && s.protocol === e.protocol && s.localPort === e.localPort && s.localAddress === e.localAddress && s.remotePort === e.remotePort,
      );
      expect(found.map((s) => s.state), name).toEqual([e?.state]);
      expect(found[0] && lsof.ownersOf(found[0]), name).toEqual([child?.pid]);
    }
  });
});
