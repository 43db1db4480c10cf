/** The monitor's state as Prometheus metrics (port-metrics.ts), and writing them for node_exporter. */
import type { Snapshot } from '../model.js';
import type { MetricsInput } from './port-metrics.js';

export { EXPOSITION_CONTENT_TYPE } from './exposition.js';
export { renderPortMetrics, type MetricsInput } from './port-metrics.js';
export { writeFileAtomic } from './atomic-file.js';

/** A snapshot as metrics input. */
export function metricsInputOf(snapshot: Snapshot, pollDurationMs: number | null): MetricsInput {
  return {
    rows: snapshot.sockets,
    process: (pid) => snapshot.processes[String(pid)],
    hiddenOwners: snapshot.hiddenOwners,
    source: snapshot.source,
    time: snapshot.time,
    pollDurationMs,
  };
}
