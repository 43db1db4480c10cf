/**
 * A tiny probe the benchmark reads from the page: how long each live update took from the
 * moment the store started applying it to React's commit, and when data first showed.
 */

/** What `window.__portlensPerf` holds. */
export interface PerfRecord {
  /** Milliseconds from the frame that shows a batch of deltas (view update) to the table's commit, one per commit. */
  commits: number[];
  /** performance.now() when the first snapshot was on screen (committed); its first part, if it came in parts. */
  firstDataAt: number | null;
  /** performance.now() when all of the first snapshot was on screen (committed). */
  wholeAt: number | null;
}

// Enough for a long benchmark run; the oldest half is dropped beyond it.
const MAX_SAMPLES = 20_000;

// `globalThis` is `window` in the page, and lets the store's tests run under Node.
const host = globalThis as { __portlensPerf?: PerfRecord };

/** The page-global record, created on first use. */
export function perfRecord(): PerfRecord {
  host.__portlensPerf ??= { commits: [], firstDataAt: null, wholeAt: null };
  return host.__portlensPerf;
}

/** Records one delta commit duration. */
export function recordCommit(ms: number): void {
  const record = perfRecord();
  if (record.commits.length >= MAX_SAMPLES) record.commits.splice(0, MAX_SAMPLES / 2);
  record.commits.push(ms);
}

/** Records the first data commit (once). */
export function recordFirstData(at: number): void {
  const record = perfRecord();
  record.firstDataAt ??= at;
}

/** Records the commit that showed all of the first snapshot (once). */
export function recordWhole(at: number): void {
  const record = perfRecord();
  record.wholeAt ??= at;
}
