// Summary statistics for benchmark samples.

/**
 * Summary of timing samples (milliseconds).
 * @typedef {object} SampleSummary
 * @property {number} runs
 * @property {number} medianMs
 * @property {number} p95Ms Nearest-rank 95th percentile.
 * @property {number} minMs
 * @property {number} maxMs
 */

/**
 * Sorted copy, ascending.
 * @param {readonly number[]} values
 */
function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/**
 * The median (mean of the two middle values for an even count); NaN for no values.
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  if (!values.length) return Number.NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  const upper = /** @type {number} */ (s[mid]);
  if (s.length % 2) return upper;
  const lower = /** @type {number} */ (s[mid - 1]);
  return (lower + upper) / 2;
}

/**
 * Nearest-rank percentile (p in 0–100]: the smallest sample ≥ p% of all; NaN for no values.
 * @param {readonly number[]} values
 * @param {number} p
 * @returns {number}
 */
export function percentile(values, p) {
  if (!values.length) return Number.NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return /** @type {number} */ (s[Math.min(rank, s.length) - 1]);
}

/**
 * Median, p95, min and max of timing samples in milliseconds.
 * @param {readonly number[]} samples
 * @returns {SampleSummary}
 */
export function summarize(samples) {
  return {
    runs: samples.length,
    medianMs: median(samples),
    p95Ms: percentile(samples, 95),
    minMs: samples.length ? Math.min(...samples) : Number.NaN,
    maxMs: samples.length ? Math.max(...samples) : Number.NaN,
  };
}
