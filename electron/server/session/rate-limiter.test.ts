import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter (token bucket, injected clock)', () => {
  it('allows a burst, then refuses until tokens refill', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 2, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    now = 499; // 0.998 of a token
    expect(limiter.take()).toBe(false);
    now = 500; // one token at 2 per second
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 100, () => now);
    now = 60_000;
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
  });

  it('refills in fractions: refused frames do not reset the refill', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1, () => now);
    expect(limiter.take()).toBe(true);
    for (now = 250; now < 1000; now += 250) expect(limiter.take()).toBe(false);
    now = 1000;
    expect(limiter.take()).toBe(true);
  });
});
