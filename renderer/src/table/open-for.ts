/** What is known of how long a socket has been open, in words (the "Open for" column and panel). */
import type { ProcessInfo, SocketRow } from '@contract/model';
import { formatTimestamp } from './format';

/** What the sentence needs: the row, whether it predates PortLens, and its owner. */
export interface OpenForFacts {
  row: Pick<SocketRow, 'firstSeen'>;
  openedBefore: boolean;
  owner: Pick<ProcessInfo, 'startedAt'> | undefined;
}

/**
 * "Opened at 10:02:11 (PortLens saw it open)", or for a socket already open when PortLens started:
 * "Open before PortLens started (10:02:11), so at least this long; at most since its owner started
 * (09:14:55)". The owner's start bounds it: a process cannot hold a socket from before it ran.
 */
export function openForTitle({ row, openedBefore, owner }: OpenForFacts): string {
  if (!openedBefore) return `Opened at ${formatTimestamp(row.firstSeen)} (PortLens saw it open)`;
  const bound = owner ? `; at most since its owner started (${formatTimestamp(owner.startedAt)})` : '';
  return `Open before PortLens started (${formatTimestamp(row.firstSeen)}), so at least this long${bound}`;
}

/** The panel's note beside the duration: "(opened 10:02:11)" or "(before PortLens started at …; owner since …)". */
export function openForNote({ row, openedBefore, owner }: OpenForFacts): string {
  if (!openedBefore) return `(opened ${formatTimestamp(row.firstSeen)})`;
  const bound = owner ? `; its owner started ${formatTimestamp(owner.startedAt)}` : '';
  return `(before PortLens started at ${formatTimestamp(row.firstSeen)}${bound})`;
}
