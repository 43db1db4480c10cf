import { afterEach, describe, expect, it } from 'vitest';
import { OwnerResolver } from '../owners/owner-resolver.js';
import { OneShotOwners, answerOwners, scanAllOwners } from './one-shot-owners.js';
import { Children } from '../owners/test-support/children.js';
import { allSockets, inodeOf } from '../owners/test-support/socket-inodes.js';
import { LISTENERS, startSharer } from '../owners/test-support/owner-fixtures.js';

const children = new Children();
afterEach(() => children.stopAll());

describe('scanAllOwners (real processes and sockets)', () => {
  it('finds the child owning TCP listeners on 127.0.0.1, ::1, 0.0.0.0 and a UDP socket', async () => {
    const child = await children.node(LISTENERS);
    const ports = child.ready as { v4: number; v6: number; any: number; udp: number };
    const inodes = [inodeOf('tcp', ports.v4), inodeOf('tcp', ports.v6), inodeOf('tcp', ports.any), inodeOf('udp', ports.udp)];

    const scan = scanAllOwners();
    for (const inode of inodes) expect(scan.get(inode)).toEqual({ pids: [child.pid] });
    expect(scan.processes).toBeGreaterThan(1);
    // Sockets of one owner share one frozen answer, as OwnerResolver's do.
    expect(scan.get(inodes[0]!)).toBe(scan.get(inodes[3]!));
    expect(Object.isFrozen(scan.get(inodes[0]!))).toBe(true);
  });

  it('lists both pids of a listening socket passed to another process', async () => {
    const { child, port } = await startSharer(children);
    const { worker } = (await child.ask('fork')) as { worker: number };
    await child.ask('share');
    const inode = inodeOf('tcp', port);

    expect(scanAllOwners().get(inode)).toEqual({ pids: [child.pid, worker].sort((a, b) => a - b) });
  });

  it('answers exactly as a full OwnerResolver scan does, for every socket on the machine', async () => {
    await children.node(LISTENERS);
    const inodes = [...new Set(allSockets().map((socket) => socket.inode).filter((inode) => inode > 0))];
    const before = scanAllOwners();
    const resolved = new OwnerResolver().resolve(inodes);
    const after = scanAllOwners();
    // Other tests open and close sockets meanwhile: a socket whose owners stayed the same across
    // both one-shot scans was stable while OwnerResolver ran, and must get the same answer.
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const stable = inodes.filter((inode) => same(before.get(inode), after.get(inode)));
    const differing = stable.filter((inode) => !same(before.get(inode), resolved.get(inode)));
    expect(differing).toEqual([]);
    expect(stable.length).toBeGreaterThan(4);
  });

  it('OneShotOwners scans once, on its first resolve', async () => {
    const child = await children.node(LISTENERS);
    const inode = inodeOf('tcp', (child.ready as { v4: number }).v4);
    const owners = new OneShotOwners();
    const first = owners.resolve();
    expect(first.get(inode)).toEqual({ pids: [child.pid] });
    expect(owners.resolve()).toBe(first);
  });

  it('answerOwners: one frozen answer per single owner, sorted pids for shared sockets, the right reason for the rest', () => {
    const pairs = { inodes: new Float64Array([13, 10, 11, 12, 12]), pids: new Int32Array([9, 7, 7, 9, 3]), processes: 4, deniedProcesses: 0 };
    const scan = answerOwners(pairs);
    expect(scan.get(10)).toEqual({ pids: [7] });
    expect(scan.get(10)).toBe(scan.get(11));
    expect(scan.get(12)).toEqual({ pids: [3, 9] });
    expect(scan.get(13)).toEqual({ pids: [9] });
    expect(scan.get(11)).toEqual({ pids: [7] });
    expect(scan.get(99)).toEqual({ reason: 'not-found' });
    expect(answerOwners({ ...pairs, deniedProcesses: 1 }).get(99)).toEqual({ reason: 'permission' });
  });
});
