// Summary statistics for benchmark samples.

/** Sorted copy, ascending. */
function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** The median (mean of the two middle values for an even count); NaN for no values. */
export function median(values) {
  if (!values.length) return Number.NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0–100]: the smallest sample ≥ p% of all; NaN for no values. */
export function percentile(values, p) {
  if (!values.length) return Number.NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1];
}

/** Median, p95, min and max of timing samples in milliseconds. */
export function summarize(samples) {
  return {
    runs: samples.length,
    medianMs: median(samples),
    p95Ms: percentile(samples, 95),
    minMs: samples.length ? Math.min(...samples) : Number.NaN,
    maxMs: samples.length ? Math.max(...samples) : Number.NaN,
  };
}
