import { describe, expect, it } from 'vitest';
import { PiecePool } from './piece-pool.js';

/** A stream that reports each write done only when the test says so. */
function manualStream(): { pool: (bytes: number, max: number) => PiecePool; finishNext: () => void } {
  const done: (() => void)[] = [];
  return {
    pool: (bytes, max) => new PiecePool((_chunk, callback) => done.push(callback), bytes, max),
    finishNext: () => done.shift()?.(),
  };
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe('PiecePool', () => {
  it('reuses a piece only after its write was reported done, waiting at its limit', async () => {
    const stream = manualStream();
    const pool = stream.pool(64, 2);
    const a = pool.acquire(10);
    const b = pool.acquire(10); // the producer's current piece while a is written
    expect(a).not.toBe(b);
    let resolved = false;
    const put = pool.put(a.subarray(0, 5)).then(() => (resolved = true));
    await settled();
    expect(resolved).toBe(false); // nothing free and a still in flight
    stream.finishNext();
    await put;
    expect(pool.acquire(10)).toBe(a);
  });

  it('does not wait when no piece can come back, and makes one-offs past its limit', async () => {
    const stream = manualStream();
    const pool = stream.pool(64, 1);
    const held = pool.acquire(10);
    const oneOff = pool.acquire(10);
    expect(oneOff).not.toBe(held);
    await pool.put(oneOff.subarray(0, 3)); // a one-off never returns to the pool: no wait
    stream.finishNext();
    const big = pool.acquire(1000);
    expect(big.length).toBeGreaterThanOrEqual(1000);
  });
});
