import { describe, expect, it } from 'vitest';
import { rateScale, scaleTicks, scaleTop } from './rate-scale';

describe('the rate scale', () => {
  it('shows 1 KiB/s well above the baseline beside 1 MiB/s', () => {
    const top = scaleTop(1024 * 1024);
    expect(top).toBe(1024 * 1024);
    // On a linear scale 1 KiB/s would sit at 0.001 of the height: invisible.
    expect(rateScale(1024, top)).toBeGreaterThan(0.45);
    expect(rateScale(1024 * 1024, top)).toBe(1);
    expect(rateScale(0, top)).toBe(0);
  });

  it('keeps the order of rates and never leaves 0–1', () => {
    const top = scaleTop(5_000_000);
    const values = [1, 10, 500, 4096, 100_000, 5_000_000, 9e9].map((v) => rateScale(v, top));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('steps the top and the gridlines by ×32 from 1 KiB/s', () => {
    expect(scaleTop(0)).toBe(1024);
    expect(scaleTop(2000)).toBe(32 * 1024);
    expect(scaleTicks(32 * 1024 * 1024)).toEqual([1024, 32 * 1024, 1024 * 1024, 32 * 1024 * 1024]);
  });
});
