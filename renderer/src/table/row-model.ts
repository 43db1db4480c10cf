/** What one table row renders from: the socket and what the store knows around it. */
import { ownerExplanation } from '@contract/display-text';
import type { ProcessInfo, SocketRow } from '@contract/model';
import { rowUser } from '../filter/match-row';
import type { RowEntry, SocketData } from '../store/socket-data';

/**
 * A visible socket row's data. The same object is handed out while nothing it shows changed,
 * so a memoized row skips rendering (most rows are unchanged by most updates).
 */
export interface RowModel {
  id: string;
  entry: RowEntry;
  row: SocketRow;
  /** First owner (or, for a kernel-owned socket, last known owner), when known. */
  owner: ProcessInfo | undefined;
  /** Whether that process still runs. */
  ownerRunning: boolean;
  user: string;
  closingAt: number | null;
  /** Whether the row had a history when the model was made (its sparkline draws itself after that). */
  hasHistory: boolean;
  /** It opened before PortLens started watching: its age is a lower bound (see SocketData.openedBefore). */
  openedBefore: boolean;
}

const models = new WeakMap<RowEntry, RowModel>();

/** The model of a row the store holds (cached while it is current). */
export function rowModel(entry: RowEntry, data: SocketData): RowModel {
  const pid = entry.row.pids[0];
  const owner = pid === undefined ? undefined : data.process(pid);
  const ownerRunning = pid !== undefined && data.isRunning(pid);
  const hasHistory = entry.history !== null;
  const openedBefore = data.openedBefore(entry.row);
  const cached = models.get(entry);
  if (
    cached &&
    cached.row === entry.row &&
    cached.owner === owner &&
    cached.ownerRunning === ownerRunning &&
    cached.closingAt === entry.closingAt &&
    cached.hasHistory === hasHistory &&
    cached.openedBefore === openedBefore
  ) {
    return cached;
  }
  const model: RowModel = {
    id: entry.row.id,
    entry,
    row: entry.row,
    owner,
    ownerRunning,
    user: rowUser(entry.row, data),
    closingAt: entry.closingAt,
    hasHistory,
    openedBefore,
  };
  models.set(entry, model);
  return model;
}

/** Why a row has no live owner, as a sentence for its tooltip (the shared wording). */
export function ownerReasonText(row: SocketRow): string {
  return ownerExplanation(row) ?? '';
}
