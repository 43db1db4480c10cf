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

// The status bar shows the same few counts on every update: remember their texts.
const COUNT_TEXTS_MAX = 256;
const countTexts = new Map<number, string>();

/** 20000 → `20,000` (in the user's locale). */
export function formatCount(value: number): string {
  let text = countTexts.get(value);
  if (text === undefined) {
    if (countTexts.size >= COUNT_TEXTS_MAX) countTexts.clear();
    countTexts.set(value, (text = integer.format(value)));
  }
  return text;
}

/** Epoch ms → `18:02:31`. */
export function formatClock(epochMs: number): string {
  return clock.format(epochMs);
}
