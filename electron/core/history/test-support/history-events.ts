/** History events for tests and the benchmark: deterministic, varied, valid. */
import type { HistoryEvent } from '../../../contract/history.js';
import { HISTORY_EVENT_TYPES } from '../../../contract/history.js';

/** Event number `i` of a run starting at `start`, `stepMs` apart; `tag` marks its writer. */
export function sampleEvent(i: number, start: number, stepMs: number, tag = 'w'): HistoryEvent {
  const type = HISTORY_EVENT_TYPES[i % 4] as HistoryEvent['type'];
  const connection = type.startsWith('connection');
  return {
    time: start + i * stepMs,
    type,
    protocol: i % 7 === 0 ? 'udp' : 'tcp',
    family: i % 5 === 0 ? 6 : 4,
    localAddress: i % 5 === 0 ? '::1' : '127.0.0.1',
    localPort: 1024 + (i % 2000),
    remoteAddress: connection ? '10.0.0.' + (i % 250) : null,
    remotePort: connection ? 30_000 + (i % 20_000) : null,
    pid: 100 + (i % 500),
    processName: `proc-${i % 500}`,
    user: i % 3 ? 'dev' : 'root',
    bytesSent: type === 'connection-closed' ? i * 3 : null,
    bytesReceived: type === 'connection-closed' ? i * 7 : null,
    detail: `${tag}:${i}`,
  };
}
