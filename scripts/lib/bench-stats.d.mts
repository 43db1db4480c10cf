/** Types for bench-stats.mjs. */

/** Summary of timing samples (milliseconds). */
export interface SampleSummary {
  runs: number;
  medianMs: number;
  /** Nearest-rank 95th percentile. */
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** The median; NaN for no values. */
export function median(values: readonly number[]): number;
/** Nearest-rank percentile, p in (0, 100]; NaN for no values. */
export function percentile(values: readonly number[], p: number): number;
/** Median, p95, min and max of timing samples. */
export function summarize(samples: readonly number[]): SampleSummary;
