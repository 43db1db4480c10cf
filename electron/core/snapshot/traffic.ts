/** Cumulative byte counters → rates. */

/**
 * Bytes per second between two samples of a cumulative counter, or null when there is no
 * earlier sample (or no counter). A counter that went backwards (a new socket reusing the id
 * cannot happen with cookies, but tuple ids can) restarts the rate at null, never negative.
 */
export function rate(previous: number | null | undefined, current: number | null, elapsedMs: number): number | null {
  if (current === null || previous === null || previous === undefined || elapsedMs <= 0) return null;
  if (current < previous) return null;
  return Math.round(((current - previous) * 1000) / elapsedMs);
}
