/** Port history: the store, its recorder and queries (see history-store.ts). */
import { HistoryRecorder } from './history-recorder.js';
import { historyDir } from './history-store.js';

export { appendHistoryEvents, historyDir, pruneHistory, queryHistory, SEGMENT_MS, type HistoryLimits } from './history-store.js';
export { HistoryRecorder, FLUSH_MS } from './history-recorder.js';

/** A recorder for the history of data directory `dataDir`. */
export function startHistoryRecorder(dataDir: string, onError: (message: string) => void): HistoryRecorder {
  return new HistoryRecorder({ dir: historyDir(dataDir), root: dataDir, onError });
}
