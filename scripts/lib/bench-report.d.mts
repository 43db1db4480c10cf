/** Types for bench-report.mjs. */

/** Tool ids the targets refer to. */
export const TOOL: { cold: string; tick: string; ssTanpi: string; nodeNetstat: string };

/** One tool's result at one scale. */
export interface ToolResult {
  id: string;
  label: string;
  mode: string;
  status: 'ok' | 'failed' | 'not-installed';
  reason?: string | null;
  rows?: number | null;
  runs?: number;
  medianMs?: number;
  p95Ms?: number;
  minMs?: number;
  maxMs?: number;
  /** Median CPU ms (user + system), null where unreadable. */
  cpuMedianMs?: number | null;
}

/** Memory of the monitor-only process. */
export interface MonitorMemory {
  rssBytes: number;
  maxRssBytes: number;
  heapUsedBytes: number;
  sockets: number;
  source: string;
}

/** Everything measured at one scale. */
export interface ScaleResult {
  scale: number;
  tcpConnections: number;
  udpSockets: number;
  machineSockets: { tcp: number | null; udp: number | null };
  /** os.loadavg() when the scale's measurements began (other work on the machine skews them). */
  loadAverage?: number[];
  runs: number;
  ticks: number;
  warmupTicks: number;
  /** Pause between ticks (the default poll interval unless --tick-gap). */
  tickGapMs?: number;
  tools: ToolResult[];
  monitor: MonitorMemory | null;
}

/** A target and whether it was met; `met` and `value` are null when not measured. */
export interface TargetResult {
  name: string;
  limit: string;
  value: number | null;
  /** The same measure in CPU time, when both sides have it. */
  cpuValue: number | null;
  unit: string;
  met: boolean | null;
}

/** The whole run, as written to docs/bench-results.json. */
export interface BenchResults {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; kernel: string; node: string; ss: string };
  environment?: { NODE_EXTRA_CA_CERTS: string };
  /** Whether the farm and the tools ran in private namespaces (see private-namespaces.mjs). */
  isolation?: string;
  /** Nice value the bench and its children ran at. */
  nice?: number;
  scales: ScaleResult[];
  targets: TargetResult[];
  /** Why the run may not be representative (foreign sockets, load). */
  warnings?: string[];
}

/** Checks the performance targets against the measured scales. */
export function evaluateTargets(scales: readonly ScaleResult[]): TargetResult[];
/** The whole report as Markdown. */
export function renderMarkdown(results: BenchResults): string;
