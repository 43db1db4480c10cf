/**
 * Prometheus text read back with a real parser (parse-prometheus-text-format), by family name.
 * That parser is lenient, so the rules it does not check and Prometheus's scraper refuses are
 * checked here: metric and label names, a TYPE for every family, numeric values, and no label
 * set twice in a family.
 */
import parsePrometheusTextFormat, { type ParsedMetricFamily } from 'parse-prometheus-text-format';

export type { ParsedMetricFamily };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const VALUE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/;

/** The families of `text`; throws where the text breaks the exposition format. */
export function parseExposition(text: string): Map<string, ParsedMetricFamily> {
  const families = new Map<string, ParsedMetricFamily>();
  for (const family of parsePrometheusTextFormat(text)) {
    if (!METRIC_NAME.test(family.name)) throw new Error(`bad metric name ${family.name}`);
    if (family.type === 'UNTYPED') throw new Error(`${family.name} has no TYPE line`);
    if (families.has(family.name)) throw new Error(`${family.name} appears twice`);
    const seen = new Set<string>();
    for (const sample of family.metrics) {
      if (!VALUE.test(sample.value)) throw new Error(`${family.name} has a value that is not a number: ${sample.value}`);
      for (const label of Object.keys(sample.labels ?? {})) if (!LABEL_NAME.test(label)) throw new Error(`bad label name ${label}`);
      const key = JSON.stringify(Object.entries(sample.labels ?? {}).sort());
      if (seen.has(key)) throw new Error(`${family.name} has the label set ${key} twice`);
      seen.add(key);
    }
    families.set(family.name, family);
  }
  return families;
}
