/**
 * Number and time formatting with cached Intl formatters: `toLocaleString` builds a new
 * formatter per call, which showed up in every status-bar render.
 */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** 20000 → `20,000` (in the user's locale). */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Epoch ms → `18:02:31`. */
export function formatClock(epochMs: number): string {
  return clock.format(epochMs);
}
