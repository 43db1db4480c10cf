/**
 * The monitor's state as Prometheus metrics. Cardinality stays bounded: sockets are counted by
 * protocol and state only; listeners (not connections) get a series each; traffic is summed per
 * process. Bytes are gauges, not counters: they are the totals of the process's sockets open
 * now, which drop when a connection closes (a counter must never go down).
 */
import { isListening } from '../../contract/row-fields.js';
import type { ProcessInfo, SocketRow, SnapshotSource } from '../model.js';
import { accumulate, renderExposition, type Labels, type MetricFamily } from './exposition.js';

/** What the metrics are made of: the rows of one snapshot and how it was taken. */
export interface MetricsInput {
  rows: Iterable<SocketRow>;
  process(pid: number): ProcessInfo | undefined;
  hiddenOwners: number;
  source: SnapshotSource;
  /** Epoch ms of the snapshot. */
  time: number;
  /** The last poll's duration, when known. */
  pollDurationMs: number | null;
}

type Samples = Map<string, { labels: Labels; value: number }>;

/** The exposition text for `input`. */
export function renderPortMetrics(input: MetricsInput): string {
  const sockets: Samples = new Map();
  const listeners: Samples = new Map();
  const sent: Samples = new Map();
  const received: Samples = new Map();
  const sendRate: Samples = new Map();
  const receiveRate: Samples = new Map();
  for (const row of input.rows) {
    accumulate(sockets, { protocol: row.protocol, state: row.state }, 1);
    const pid = row.pids[0];
    const owner = pid === undefined ? undefined : input.process(pid);
    if (isListening(row)) {
      accumulate(
        listeners,
        { protocol: row.protocol, address: row.localAddress, port: row.localPort, scope: row.scope, process: owner?.name ?? '' },
        1,
      );
    }
    if (!owner) continue;
    const who = { process: owner.name, pid: owner.pid, user: owner.user };
    if (row.bytesSent !== null) accumulate(sent, who, row.bytesSent);
    if (row.bytesReceived !== null) accumulate(received, who, row.bytesReceived);
    if (row.sendRate !== null) accumulate(sendRate, who, row.sendRate);
    if (row.receiveRate !== null) accumulate(receiveRate, who, row.receiveRate);
  }
  const family = (name: string, help: string, samples: Samples | { labels: Labels; value: number }[]): MetricFamily => ({
    name,
    help,
    type: 'gauge',
    samples: Array.isArray(samples) ? samples : [...samples.values()],
  });
  return renderExposition([
    family('portlens_sockets', 'Sockets by protocol and state.', sockets),
    family('portlens_listeners', 'Listening sockets (TCP LISTEN, bound UDP) by protocol, address, port, scope and owning process name.', listeners),
    family('portlens_process_sent_bytes', "Bytes sent on the process's sockets open now (TCP; UDP has no per-socket counters).", sent),
    family('portlens_process_received_bytes', "Bytes received on the process's sockets open now (TCP; UDP has no per-socket counters).", received),
    family('portlens_process_send_rate_bytes_per_second', "Send rate of the process's sockets over the last poll.", sendRate),
    family('portlens_process_receive_rate_bytes_per_second', "Receive rate of the process's sockets over the last poll.", receiveRate),
    family('portlens_owners_hidden', 'Sockets whose owner cannot be seen with our rights (run as root to see them).', [{ labels: {}, value: input.hiddenOwners }]),
    family(
      'portlens_poll_duration_seconds',
      'How long the last poll of the socket table took.',
      input.pollDurationMs === null ? [] : [{ labels: {}, value: input.pollDurationMs / 1000 }],
    ),
    family('portlens_snapshot_timestamp_seconds', 'When the snapshot was taken (Unix time).', [{ labels: {}, value: input.time / 1000 }]),
    family('portlens_collector_info', 'Where the socket table came from.', [{ labels: { source: input.source }, value: 1 }]),
  ]);
}
