/**
 * Entry of the monitor's worker thread: polls the OS off the main thread (Electron's main
 * process, the server's event loop) and posts snapshot, delta and error messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDefaultPipeline, MONITOR_OWNER_OPTIONS } from '../snapshot/default-pipeline.js';
import type { SnapshotSource } from '../model.js';
import type { MonitorCommand } from './messages.js';
import { startHistoryRecorder } from '../history/index.js';
import { Monitor } from './monitor.js';
import { lowerThreadPriority } from './thread-priority.js';

/** Options the host passes as workerData. */
export interface MonitorWorkerData {
  intervalMs: number;
  prefer: SnapshotSource | null;
  /** MonitorOptions.quietHeartbeatMs; null announces every tick. */
  quietHeartbeatMs: number | null;
  /** Records port history in this data directory (core/history/); null records nothing. */
  historyDataDir: string | null;
}

const port = parentPort;
if (!port) throw new Error('monitor-worker must run in a worker thread');
const options = workerData as MonitorWorkerData;
// Background work: it yields the CPU to the window's thread and the user's programs.
lowerThreadPriority();

const { pipeline, close } = createDefaultPipeline({ owners: MONITOR_OWNER_OPTIONS, ...(options.prefer ? { prefer: options.prefer } : {}) });
const recorder = options.historyDataDir ? startHistoryRecorder(options.historyDataDir, (message) => port.postMessage({ type: 'error', message })) : null;
const monitor = new Monitor(pipeline, options.intervalMs, {
  ...(options.quietHeartbeatMs === null ? {} : { quietHeartbeatMs: options.quietHeartbeatMs }),
  ...(recorder ? { observer: recorder.observe.bind(recorder) } : {}),
});
// A quiet tick's stats stay here: posting them would wake the host's thread on every otherwise
// quiet tick. An announced tick's follow its snapshot or delta (the metrics' poll duration).
let announced = false;
monitor.onMessage((message) => {
  if (message.type !== 'tick-stats') {
    announced ||= message.type === 'snapshot' || message.type === 'delta';
    port.postMessage(message);
  } else if (announced) {
    announced = false;
    port.postMessage(message);
  }
});
port.on('message', (command: MonitorCommand) => {
  if (command.type === 'set-interval') monitor.setIntervalMs(command.intervalMs);
  if (command.type === 'stop') {
    monitor.stop();
    recorder?.close();
    close();
    port.close();
  }
});
monitor.start();
