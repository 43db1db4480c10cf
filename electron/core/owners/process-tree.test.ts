import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessCache } from './process-cache.js';
import { childrenOf, parentChain } from './process-tree.js';
import { Children } from './test-support/children.js';

const children = new Children();
afterEach(() => children.stopAll());

/** A child that forks one grandchild and reports its pid. */
const PARENT = `
import { fork } from 'node:child_process';
const grandchild = fork(process.argv[2], [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
await new Promise((resolve) => grandchild.once('message', resolve));
report({ grandchild: grandchild.pid });
setInterval(() => {}, 1 << 30);
`;
const GRANDCHILD = `process.send('ready'); setInterval(() => {}, 1 << 30);`;

async function family(): Promise<{ child: number; grandchild: number }> {
  const dir = children.tempDir();
  writeFileSync(join(dir, 'grandchild.mjs'), GRANDCHILD);
  const child = await children.node(PARENT, { args: [join(dir, 'grandchild.mjs')] });
  return { child: child.pid, grandchild: child.ready['grandchild'] as number };
}

describe('parentChain / childrenOf (real processes)', () => {
  it('lists the ancestors parent first, up to and including pid 1', async () => {
    const { child, grandchild } = await family();
    for (const chain of [parentChain(grandchild), parentChain(grandchild, new ProcessCache())]) {
      const pids = chain.map((info) => info.pid);
      expect(pids.slice(0, 2)).toEqual([child, process.pid]);
      expect(pids.at(-1)).toBe(1);
      expect(new Set(pids).size).toBe(pids.length);
      for (let i = 0; i + 1 < chain.length; i++) expect(chain[i]?.ppid).toBe(chain[i + 1]?.pid);
    }
  });

  it('gives pid 1 and missing pids no ancestors', () => {
    expect(parentChain(1)).toEqual([]);
    expect(parentChain(0)).toEqual([]);
    expect(parentChain(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('lists direct and transitive children', async () => {
    const { child, grandchild } = await family();
    expect(childrenOf(child)).toEqual([grandchild]);
    const mine = childrenOf(process.pid);
    expect(mine).toContain(child);
    expect(mine).toContain(grandchild);
    expect(mine.indexOf(child)).toBeLessThan(mine.indexOf(grandchild));
    expect(childrenOf(grandchild)).toEqual([]);
  });
});
