import { createServer, type Server } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { socketInode } from './fd-index.js';
import { openFdLinks, readSocketInodes, socketInodeOf } from './fd-links.js';
import { inodeOf } from './test-support/socket-inodes.js';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Every link of this process's fd table, read one way. */
function readAll(useNative: boolean): Map<string, number | string> {
  const links = openFdLinks(process.pid, useNative);
  if (typeof links === 'string') throw new Error(`cannot open our own fd table: ${links}`);
  try {
    return new Map(readdirSync(`/proc/${process.pid}/fd`).map((name) => [name, links.inodeOf(name)]));
  } finally {
    links.close();
  }
}

describe('openFdLinks (this process, a real listener)', () => {
  it('reads readlinkat(2) through koffi and readlinkSync alike, finding our listener', () => {
    const native = readAll(true);
    const plain = readAll(false);
    // The fds used to read the table itself differ between the two ways; the rest must agree.
    const shared = [...native.keys()].filter((name) => plain.has(name) && native.get(name) !== 'gone' && plain.get(name) !== 'gone');
    expect(shared.length).toBeGreaterThan(3);
    for (const name of shared) expect([name, native.get(name)]).toEqual([name, plain.get(name)]);
    expect([...native.values()]).toContain(inodeOf('tcp', port));
  });

  it('says gone for a closed fd and for a process that does not exist, instead of throwing', () => {
    const links = openFdLinks(process.pid);
    if (typeof links === 'string') throw new Error(links);
    expect(links.inodeOf('999999')).toBe('gone');
    links.close();
    expect(openFdLinks(2 ** 22 + 12345)).toBe('gone');
  });
});

describe('readSocketInodes (this process, real sockets)', () => {
  /** The socket inodes of our own table, read one way. */
  const inodes = (useNative: boolean): number[] => {
    const found: number[] = [];
    expect(readSocketInodes(process.pid, (inode) => found.push(inode), useNative)).toBe('read');
    return found.sort((a, b) => a - b);
  };

  it('finds the same sockets through getdents64 and readlinkat as through readdirSync and readlinkSync, our listener among them', async () => {
    // A few hundred more sockets than fit one getdents64 buffer's worth of names.
    const extra = await Promise.all(Array.from({ length: 1500 }, () => listenOnce()));
    try {
      const native = inodes(true);
      expect(native).toEqual(inodes(false));
      expect(native).toContain(inodeOf('tcp', port));
      expect(native.length).toBeGreaterThan(1500);
    } finally {
      await Promise.all(extra.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });

  it('says gone for a process that does not exist, either way', () => {
    for (const useNative of [true, false]) expect(readSocketInodes(2 ** 22 + 12345, () => undefined, useNative)).toBe('gone');
  });
});

function listenOnce(): Promise<Server> {
  const s = createServer();
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

describe('socketInodeOf', () => {
  it('agrees with socketInode on any link target', () => {
    const target = fc.oneof(
      fc.nat().map((n) => `socket:[${n}]`),
      fc.string(),
      fc.constantFrom('socket:[]', 'socket:[12', 'socket:[1a]', 'pipe:[123]', 'anon_inode:[eventfd]', '/dev/null', 'socket:[99999999999999999999]'),
    );
    fc.assert(
      fc.property(target, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const buffer = Buffer.alloc(64);
        bytes.copy(buffer);
        const expected = bytes.length < 64 ? socketInode(text) : 0;
        expect(socketInodeOf(buffer, Math.min(bytes.length, 64))).toBe(expected);
      }),
    );
  });
});
