/**
 * The Prometheus text exposition format (version 0.0.4): `# HELP` and `# TYPE` once per
 * family, then one sample per label set. Label values escape `\`, `"` and newlines; HELP text
 * escapes `\` and newlines, as the format requires.
 */

/** The Content-Type of this format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string | number>>;

/** One metric family: its samples by label set. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number }[];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The families as exposition text (a family with no samples keeps its HELP and TYPE). */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const { labels, value } of family.samples) {
      const pairs = Object.entries(labels).map(([key, text]) => `${key}="${escapeLabel(String(text))}"`);
      lines.push(`${family.name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Adds `value` to the sample with these labels (keyed by their values in order). */
export function accumulate(into: Map<string, { labels: Labels; value: number }>, labels: Labels, value: number): void {
  const key = JSON.stringify(Object.values(labels));
  const sample = into.get(key);
  if (sample) sample.value += value;
  else into.set(key, { labels, value });
}
