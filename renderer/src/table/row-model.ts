/** What one table row renders from: the socket and what the store knows around it. */
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
  /** First owner, when known. */
  owner: ProcessInfo | undefined;
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
  const hasHistory = entry.history !== null;
  const openedBefore = data.openedBefore(entry.row);
  const cached = models.get(entry);
  if (
    cached &&
    cached.row === entry.row &&
    cached.owner === owner &&
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
    user: rowUser(entry.row, data),
    closingAt: entry.closingAt,
    hasHistory,
    openedBefore,
  };
  models.set(entry, model);
  return model;
}

/** Why a row has no owner, as a sentence for its tooltip. */
export function ownerReasonText(row: SocketRow): string {
  switch (row.ownerReason) {
    case 'permission':
      return 'Owner hidden: the socket belongs to another user. Run PortLens with administrator rights to see it.';
    case 'unreadable':
      return 'Owner not visible: its process cannot be inspected even with administrator rights (another container or namespace, or a security policy).';
    case 'no-inode':
      return 'No owner: the kernel no longer ties this socket to a process (e.g. TIME-WAIT).';
    case 'not-found':
    case null:
      return 'No owner found: no process holds this socket (it may be closing).';
  }
}
