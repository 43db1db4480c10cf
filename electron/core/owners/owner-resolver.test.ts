import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { socketInode } from './fd-index.js';
import { type InodeOwners, OwnerResolver } from './owner-resolver.js';
import { readStat } from './proc-stat.js';
import { Children, waitFor } from './test-support/children.js';
import { LISTENERS, startSharer } from './test-support/owner-fixtures.js';
import { connectionInode, inodeOf } from './test-support/socket-inodes.js';

const children = new Children();
afterEach(() => children.stopAll());

/** The reason a resolver gives for an inode nobody readable holds. */
function absentReason(resolver: OwnerResolver): InodeOwners {
  // Some fd tables may be unreadable even to root (here: an init with capabilities we lack).
  return { reason: resolver.lastScanStats.unreadableDirs > 0 ? 'permission' : 'not-found' };
}

describe('OwnerResolver (real processes and sockets)', () => {
  it('resolves TCP listeners on 127.0.0.1, ::1 and 0.0.0.0 and a UDP socket to the child that owns them', async () => {
    const child = await children.node(LISTENERS);
    const ports = child.ready as { v4: number; v6: number; any: number; udp: number };
    const inodes = [
      inodeOf('tcp', ports.v4),
      inodeOf('tcp', ports.v6),
      inodeOf('tcp', ports.any),
      inodeOf('udp', ports.udp),
    ];

    const resolver = new OwnerResolver();
    const owners = resolver.resolve(inodes);
    for (const inode of inodes) expect(owners.get(inode)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats.kind).toBe('full');
    expect(resolver.lastScanStats.linksRead).toBeGreaterThanOrEqual(inodes.length);

    // Nothing new: answered from the index without reading any fd table of a known process.
    const again = resolver.resolve(new Set(inodes));
    for (const inode of inodes) expect(again.get(inode)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats.kind).toBe('cached');
    expect(resolver.lastScanStats.searchedDirs).toBe(0);
  });

  it('finds a socket opened after the index was built by reading the likeliest owner first (incremental)', async () => {
    const child = await children.node(LISTENERS);
    const ports = child.ready as { v4: number; udp: number };
    const known = [inodeOf('tcp', ports.v4), inodeOf('udp', ports.udp)];
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
    resolver.resolve(known);

    const { port } = (await child.ask('listen')) as { port: number };
    const fresh = inodeOf('tcp', port);
    const owners = resolver.resolve([...known, fresh]);
    expect(owners.get(fresh)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats.kind).toBe('incremental');
    expect(resolver.lastScanStats.unknownInodes).toBe(1);
    // The child owns the other requested sockets, so its table is read first and the search stops;
    // the new fd is above the highest known one, so probing finds it without listing the table.
    expect(resolver.lastScanStats.searchedDirs).toBe(1);
    expect(resolver.lastScanStats.sweptDirs).toBe(0);
  });

  it('finds a new socket on the fd number of a closed one by probing, without listing the table', async () => {
    const child = await children.node(LISTENERS);
    const ports = child.ready as { v4: number; v6: number; any: number; udp: number };
    const tcp = [inodeOf('tcp', ports.v4), inodeOf('tcp', ports.v6), inodeOf('tcp', ports.any)];
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
    resolver.resolve([...tcp, inodeOf('udp', ports.udp)]);

    // The kernel gives the new listener the lowest free fd: the one the UDP socket just freed.
    await child.ask('close-udp');
    const { port } = (await child.ask('listen')) as { port: number };
    const fresh = inodeOf('tcp', port);
    const owners = resolver.resolve([...tcp, fresh]);
    expect(owners.get(fresh)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats).toMatchObject({ kind: 'incremental', searchedDirs: 1, sweptDirs: 0 });
  });

  it('lists both pids of a listening socket passed to another process', async () => {
    const { child, port } = await startSharer(children);
    const { worker } = (await child.ask('fork')) as { worker: number };
    await child.ask('share');
    const inode = inodeOf('tcp', port);

    const owners = new OwnerResolver().resolve([inode]);
    expect(owners.get(inode)).toEqual({ pids: [child.pid, worker].sort((a, b) => a - b) });
  });

  it('sees a process that appeared since the last call holding an indexed socket, without a full rescan', async () => {
    const { child, port } = await startSharer(children);
    const inode = inodeOf('tcp', port);
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
    expect(resolver.resolve([inode]).get(inode)).toEqual({ pids: [child.pid] });

    const { worker } = (await child.ask('fork')) as { worker: number };
    await child.ask('share');
    const owners = resolver.resolve([inode]);
    expect(resolver.lastScanStats.kind).not.toBe('full');
    expect(owners.get(inode)).toEqual({ pids: [child.pid, worker].sort((a, b) => a - b) });
  });

  it('skips listing /proc while no task was created or reaped, and lists again when one was (stubbed task generation)', async () => {
    const { child, port } = await startSharer(children);
    const inode = inodeOf('tcp', port);
    // Stubbed: the real generation moves whenever anything on the machine starts a thread.
    let generation = 'g1';
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000, taskGeneration: () => generation });
    const first = resolver.resolve([inode]);
    expect(first.get(inode)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats).toMatchObject({ kind: 'full', listed: true });

    // Same generation, same inodes: nothing is read and the last answer comes back as is.
    expect(resolver.resolve([inode])).toBe(first);
    expect(resolver.lastScanStats).toMatchObject({ kind: 'cached', listed: false, dirsRead: 0, reusedResult: true });

    // A worker now shares the socket; a generation that (wrongly) held still would hide it...
    const { worker } = (await child.ask('fork')) as { worker: number };
    await child.ask('share');
    expect(resolver.resolve([inode]).get(inode)).toEqual({ pids: [child.pid] });
    expect(resolver.lastScanStats.listed).toBe(false);
    // ...and the generation a fork really produces makes the next call list and find it.
    generation = 'g2';
    expect(resolver.resolve([inode]).get(inode)).toEqual({ pids: [child.pid, worker].sort((a, b) => a - b) });
    expect(resolver.lastScanStats).toMatchObject({ kind: 'cached', listed: true });
  });

  it('lists /proc on every call where the task generation cannot be read (stubbed: null)', async () => {
    const child = await children.node(LISTENERS);
    const inode = inodeOf('tcp', (child.ready as { v4: number }).v4);
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000, taskGeneration: () => null });
    resolver.resolve([inode]);
    resolver.resolve([inode]);
    expect(resolver.lastScanStats.listed).toBe(true);
    expect(resolver.lastScanStats.processes).toBeGreaterThan(0);
  });

  it('picks up an fd passed to an already indexed process at the periodic full rescan', async () => {
    const { child, port } = await startSharer(children);
    const { worker } = (await child.ask('fork')) as { worker: number };
    const inode = inodeOf('tcp', port);
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 3, fullRescanIntervalMs: 3_600_000 });
    expect(resolver.resolve([inode]).get(inode)).toEqual({ pids: [child.pid] });

    await child.ask('share');
    let owners = resolver.resolve([inode]);
    for (let call = 0; call < 3 && resolver.lastScanStats.kind !== 'full'; call++)
      owners = resolver.resolve([inode]);
    expect(resolver.lastScanStats.kind).toBe('full');
    expect(owners.get(inode)).toEqual({ pids: [child.pid, worker].sort((a, b) => a - b) });
  });

  it('reports no owner for a socket that was closed, and for one whose owner exited', async () => {
    const closer = await children.node(LISTENERS);
    const udpInode = inodeOf('udp', (closer.ready as { udp: number }).udp);
    await closer.ask('close-udp');
    const fresh = new OwnerResolver();
    expect(fresh.resolve([udpInode]).get(udpInode)).toEqual(absentReason(fresh));

    const leaver = await children.node(LISTENERS);
    const tcpInode = inodeOf('tcp', (leaver.ready as { v4: number }).v4);
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
    expect(resolver.resolve([tcpInode]).get(tcpInode)).toEqual({ pids: [leaver.pid] });
    await children.stop(leaver);
    await waitFor(() => readStat(leaver.pid) === null, 'the exited child to leave /proc');
    expect(resolver.resolve([tcpInode]).get(tcpInode)).toEqual(absentReason(resolver));
    // Remembered as missing: asking again searches nothing.
    resolver.resolve([tcpInode]);
    expect(resolver.lastScanStats.searchedDirs).toBe(0);
  });

  it('answers nonsense inode numbers with a reason instead of searching or throwing', () => {
    const resolver = new OwnerResolver();
    const owners = resolver.resolve([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]);
    expect(owners.size).toBe(4);
    for (const value of owners.values()) expect(value).toEqual(absentReason(resolver));
  });

  it('hands out frozen owner lists and read-only results, reusing the last result when nothing changed', async () => {
    const child = await children.node(LISTENERS);
    const inode = inodeOf('tcp', (child.ready as { v4: number }).v4);
    const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
    const first = resolver.resolve([inode]);
    const owners = first.get(inode);
    expect(owners && 'pids' in owners && Object.isFrozen(owners.pids)).toBe(true);
    expect(() => first.set(inode, { pids: [1] })).toThrow(TypeError);
    expect(() => first.delete(inode)).toThrow(TypeError);
    expect(() => first.clear()).toThrow(TypeError);

    expect(resolver.resolve([inode])).toBe(first);
    expect(resolver.lastScanStats.reusedResult).toBe(true);
    const other = resolver.resolve([inode, 0]);
    expect(other).not.toBe(first);
    expect(other.size).toBe(2);
  });

  it('keeps the owner of a socket held on two fds when one fd is closed and its number reused', async () => {
    const accepted: Socket[] = [];
    const server: Server = createServer((socket) => accepted.push(socket));
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const script = [
        'exec 3<>/dev/tcp/127.0.0.1/$1', // a TCP connection on fd 3...
        'exec 4>&3', // ...duplicated on fd 4
        `echo '{"ready":true}'`,
        'read -r _',
        'exec 3>&-', // close fd 3 (fd 4 still holds the socket)...
        'exec 3<>/dev/tcp/127.0.0.1/$1', // ...and put a new connection on it
        `echo '{"reopened":true}'`,
        'read -r _',
      ].join('\n');
      const shell = await children.spawn('bash', ['-c', script, 'bash', String(port)]);
      await waitFor(() => accepted.length === 1, 'the first connection');
      const first = connectionInode(accepted[0]?.remotePort ?? 0, port);
      const resolver = new OwnerResolver({ fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 });
      expect(resolver.resolve([first]).get(first)).toEqual({ pids: [shell.pid] });

      await shell.ask('next');
      await waitFor(() => accepted.length === 2, 'the second connection');
      const second = connectionInode(accepted[1]?.remotePort ?? 0, port);
      const owners = resolver.resolve([first, second]);
      expect(resolver.lastScanStats.kind).toBe('incremental');
      expect(owners.get(first)).toEqual({ pids: [shell.pid] });
      expect(owners.get(second)).toEqual({ pids: [shell.pid] });
    } finally {
      for (const socket of accepted) socket.destroy();
      server.close();
    }
  });
});

describe('socketInode', () => {
  it('reads the inode of socket links and rejects every other target', () => {
    expect(socketInode('socket:[12345]')).toBe(12345);
    for (const target of [
      'pipe:[12345]',
      'socket:[]',
      'socket:[12a]',
      'socket:[123',
      '/dev/null',
      '',
      'anon_inode:[eventfd]',
    ]) {
      expect(socketInode(target)).toBe(0);
    }
  });
});
