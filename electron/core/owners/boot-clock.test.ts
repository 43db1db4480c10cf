import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clockTicksFromAuxv, clockTicksPerSecond } from './boot-clock.js';

describe('clock ticks per second', () => {
  it('agrees with `getconf CLK_TCK` on this machine (read from the real /proc/self/auxv)', () => {
    const getconf = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    expect(clockTicksPerSecond()).toBe(getconf);
    expect(clockTicksFromAuxv(readFileSync('/proc/self/auxv'), 8)).toBe(getconf);
  });

  it('returns null for a vector without AT_CLKTCK, or cut short', () => {
    const words = (pairs: number[][]) => Buffer.from(new BigUint64Array(pairs.flat().map(BigInt)).buffer);
    expect(clockTicksFromAuxv(words([[6, 4096], [0, 0]]), 8)).toBeNull();
    expect(clockTicksFromAuxv(words([[17, 250], [0, 0]]), 8)).toBe(250);
    expect(clockTicksFromAuxv(Buffer.alloc(5), 8)).toBeNull();
  });
});
