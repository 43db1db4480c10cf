/** What one table row renders from: the socket and what the store knows around it. */
import type { ProcessInfo, SocketRow } from '../../../electron/contract/model';
import { rowUser } from '../filter/match-row';
import type { RowEntry, SocketData } from '../store/socket-data';

/** A visible socket row's data. */
export interface RowModel {
  id: string;
  entry: RowEntry;
  row: SocketRow;
  /** First owner, when known. */
  owner: ProcessInfo | undefined;
  user: string;
  /** Epoch ms of this render (ages, flashes). */
  now: number;
}

/** Builds the model of a row the store holds. */
export function rowModel(entry: RowEntry, data: SocketData, now: number): RowModel {
  const pid = entry.row.pids[0];
  return {
    id: entry.row.id,
    entry,
    row: entry.row,
    owner: pid === undefined ? undefined : data.process(pid),
    user: rowUser(entry.row, data),
    now,
  };
}

/** Why a row has no owner, as a sentence for its tooltip. */
export function ownerReasonText(row: SocketRow): string {
  switch (row.ownerReason) {
    case 'permission':
      return 'Owner hidden: the socket belongs to another user. Run PortLens with administrator rights to see it.';
    case 'no-inode':
      return 'No owner: the kernel no longer ties this socket to a process (e.g. TIME-WAIT).';
    case 'not-found':
    case null:
      return 'No owner found: no process holds this socket (it may be closing).';
  }
}
