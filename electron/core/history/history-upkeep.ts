/**
 * The backend's side of the history: queries, and pruning to the settings' age and size at
 * start, every PRUNE_EVERY_MS and when the settings change.
 */
import type { Settings } from '../../contract/api.js';
import type { HistoryQuery, HistoryResult } from '../../contract/history.js';
import { historyDir, pruneHistory, queryHistory, type HistoryLimits } from './history-store.js';

const PRUNE_EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** The limits a user's settings ask for. */
export function historyLimits(settings: Pick<Settings, 'historyMaxAgeDays' | 'historyMaxMegabytes'>): HistoryLimits {
  return { maxAgeMs: settings.historyMaxAgeDays * DAY_MS, maxBytes: settings.historyMaxMegabytes * 1024 * 1024 };
}

export interface HistoryUpkeep {
  query(query: HistoryQuery): HistoryResult;
  prune(): void;
  close(): void;
}

/** Keeps the history of `dataDir` within the current settings' limits. */
export function historyUpkeep(dataDir: string, settings: () => Settings): HistoryUpkeep {
  const dir = historyDir(dataDir);
  const prune = (): void => {
    try {
      pruneHistory(dir, historyLimits(settings()));
    } catch {
      // An unreadable directory: queries say nothing, the recorder reports why it cannot write.
    }
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return {
    query: (query) => queryHistory(dir, query),
    prune,
    close: () => clearInterval(timer),
  };
}
