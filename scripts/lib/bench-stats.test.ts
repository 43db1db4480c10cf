import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './bench-stats.mjs';

const samples = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('bench stats', () => {
  it('median splits the samples: at least half are <= it and at least half are >= it', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const m = median(values);
        expect(values.filter((v) => v <= m).length * 2).toBeGreaterThanOrEqual(values.length);
        expect(values.filter((v) => v >= m).length * 2).toBeGreaterThanOrEqual(values.length);
      }),
    );
  });

  it('nearest-rank p95 is a sample with at least 95% of the samples <= it, and no smaller sample has that', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const p = percentile(values, 95);
        expect(values).toContain(p);
        expect(values.filter((v) => v <= p).length).toBeGreaterThanOrEqual(Math.ceil(0.95 * values.length));
        const smaller = values.filter((v) => v < p);
        if (smaller.length) {
          const next = Math.max(...smaller);
          expect(values.filter((v) => v <= next).length).toBeLessThan(Math.ceil(0.95 * values.length));
        }
      }),
    );
  });

  it('summaries are ordered min <= median <= p95 <= max, and do not reorder the input', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const copy = [...values];
        const s = summarize(values);
        expect(values).toEqual(copy);
        expect(s.runs).toBe(values.length);
        expect(s.minMs).toBeLessThanOrEqual(s.medianMs);
        expect(s.medianMs).toBeLessThanOrEqual(s.p95Ms);
        expect(s.p95Ms).toBeLessThanOrEqual(s.maxMs);
      }),
    );
  });

  it('no samples give NaN, not a made-up number', () => {
    expect(summarize([]).medianMs).toBeNaN();
    expect(percentile([], 95)).toBeNaN();
  });
});
