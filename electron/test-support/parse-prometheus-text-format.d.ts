/** Types of the parse-prometheus-text-format devDependency (it ships none). */
declare module 'parse-prometheus-text-format' {
  export interface ParsedMetricFamily {
    name: string;
    help: string;
    /** Upper case: GAUGE, COUNTER, … */
    type: string;
    metrics: { labels?: Record<string, string>; value: string }[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedMetricFamily[];
}
