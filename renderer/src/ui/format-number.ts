/**
 * Number and time formatting with cached Intl formatters: `toLocaleString` builds a new
 * formatter per call, which showed up in every status-bar render. A page's first Intl formatter
 * loads the locale's data (~20 ms): the entry module builds them (`prepareFormatters`) while the
 * app's code downloads, so the first render does not wait for it.
 */
let integer: Intl.NumberFormat | null = null;
let clock: Intl.DateTimeFormat | null = null;

/** Builds the formatters now (they are built on first use otherwise). */
export function prepareFormatters(): void {
  integer ??= new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  clock ??= new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

// The status bar shows the same few counts on every update: remember their texts.
const COUNT_TEXTS_MAX = 256;
const countTexts = new Map<number, string>();

/** 20000 → `20,000` (in the user's locale). */
export function formatCount(value: number): string {
  let text = countTexts.get(value);
  if (text === undefined) {
    if (countTexts.size >= COUNT_TEXTS_MAX) countTexts.clear();
    prepareFormatters();
    countTexts.set(value, (text = integer!.format(value)));
  }
  return text;
}

/** Epoch ms → `18:02:31`. */
export function formatClock(epochMs: number): string {
  prepareFormatters();
  return clock!.format(epochMs);
}
