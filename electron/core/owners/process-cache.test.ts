import { afterEach, describe, expect, it } from 'vitest';
import { ProcessCache } from './process-cache.js';
import { Children } from './test-support/children.js';

const children = new Children();
afterEach(() => children.stopAll());

const IDLE = `report({ ready: true }); setInterval(() => {}, 1 << 30);`;

describe('ProcessCache (real processes)', () => {
  it('returns the cached info while the process lives', async () => {
    const child = await children.node(IDLE);
    const cache = new ProcessCache();
    const first = cache.get(child.pid);
    expect(first).toMatchObject({ pid: child.pid, name: 'node' });
    expect(cache.get(child.pid)).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('reads afresh when the cached start time is not the live one (pid reuse, via the seed seam)', async () => {
    const child = await children.node(IDLE);
    const cache = new ProcessCache();
    const real = cache.get(child.pid);
    if (!real) return expect.fail('child not readable');
    // What a cache would hold if an older process had had this pid: same pid, other start time.
    cache.seed({ ...real, startTime: real.startTime + 1, name: 'impostor', argv: ['impostor'] });
    const fresh = cache.get(child.pid);
    expect(fresh).toMatchObject({ pid: child.pid, startTime: real.startTime, name: 'node' });
    expect(fresh).not.toBe(real);
    // And a seed with the live identity is trusted as is.
    cache.seed({ ...real, name: 'seeded' });
    expect(cache.get(child.pid)?.name).toBe('seeded');
  });

  it('forgets a process that exited and reads a new one on its own', async () => {
    const cache = new ProcessCache();
    const old = await children.node(IDLE);
    expect(cache.get(old.pid)?.pid).toBe(old.pid);
    await children.stop(old);
    expect(cache.get(old.pid)).toBeNull();
    expect(cache.size).toBe(0);

    const next = await children.node(IDLE);
    expect(cache.get(next.pid)).toMatchObject({ pid: next.pid, startTime: next.startTime });
  });

  it('prunes pids that are no longer shown and invalidates one on request', async () => {
    const a = await children.node(IDLE);
    const b = await children.node(IDLE);
    const cache = new ProcessCache();
    const infoA = cache.get(a.pid);
    cache.get(b.pid);
    cache.prune(new Set([a.pid]));
    expect(cache.size).toBe(1);
    expect(cache.get(a.pid)).toBe(infoA);
    cache.invalidate(a.pid);
    const reread = cache.get(a.pid);
    expect(reread).not.toBe(infoA);
    expect(reread).toEqual(infoA);
  });

  it('within a poll at an unchanged task generation, trusts its entries without reading /proc (stubbed generation)', async () => {
    const child = await children.node(IDLE);
    let generation = 'g1';
    const cache = new ProcessCache({ taskGeneration: () => generation });
    cache.startPoll();
    const info = cache.get(child.pid);
    expect(info).toMatchObject({ pid: child.pid });
    cache.prune(new Set([child.pid]));
    await children.stop(child);

    // The stub holds still although the child is gone: the entry is trusted, so nothing was read.
    cache.startPoll();
    expect(cache.get(child.pid)).toBe(info);
    cache.prune(new Set([child.pid]));
    // Outside a poll, and in a poll at a new generation, the identity is read again.
    expect(cache.get(child.pid)).toBeNull();
    generation = 'g2';
    cache.startPoll();
    expect(cache.get(child.pid)).toBeNull();
    cache.prune(new Set());
  });

  it('notices in the next poll that a cached process exited (real task generation)', async () => {
    const child = await children.node(IDLE);
    const cache = new ProcessCache();
    cache.startPoll();
    expect(cache.get(child.pid)?.pid).toBe(child.pid);
    cache.prune(new Set([child.pid]));
    await children.stop(child);
    cache.startPoll();
    expect(cache.get(child.pid)).toBeNull();
    cache.prune(new Set());
    expect(cache.size).toBe(0);
  });

  it('checks a seeded entry in a poll even when the generation held still (stubbed generation)', async () => {
    const child = await children.node(IDLE);
    const cache = new ProcessCache({ taskGeneration: () => 'g1' });
    cache.startPoll();
    const real = cache.get(child.pid);
    if (!real) return expect.fail('child not readable');
    cache.seed({ ...real, startTime: real.startTime + 1, name: 'impostor' });
    expect(cache.get(child.pid)).toMatchObject({ startTime: real.startTime, name: 'node' });
    cache.prune(new Set([child.pid]));
  });
});

