/**
 * The log scale the sparklines and the panel's traffic chart share: rates span six orders of
 * magnitude on one machine (a 1 KiB/s health check beside a 1 MiB/s download), and on a linear
 * scale everything but the largest is a flat line at zero. Pure functions, tested under Node.
 */

/** The scale's steps: 1 KiB/s, then ×32 (32 KiB/s, 1 MiB/s, 32 MiB/s, 1 GiB/s…). */
const FIRST_STEP = 1024;
const STEP = 32;

/** Where `value` (bytes/s) sits between 0 and `top`, from 0 to 1, on a log(1 + x) scale. */
export function rateScale(value: number, top: number): number {
  if (!(value > 0) || !(top > 0)) return 0;
  return Math.min(1, Math.log1p(value) / Math.log1p(top));
}

/** The scale's top for a peak: the first step at or above it (never below 1 KiB/s). */
export function scaleTop(peak: number): number {
  let top = FIRST_STEP;
  while (top < peak) top *= STEP;
  return top;
}

/** The gridlines up to `top`: every step from 1 KiB/s. */
export function scaleTicks(top: number): number[] {
  const ticks: number[] = [];
  for (let tick = FIRST_STEP; tick <= top; tick *= STEP) ticks.push(tick);
  return ticks;
}
