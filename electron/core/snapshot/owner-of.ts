/** What a row says about its owner, from an owner lookup's answer for its inode. */
import type { OwnerReason } from '../model.js';

/** An owner lookup's answer for one inode (OwnerResolver's and OneShotOwners' shape). */
export type OwnerAnswer = { pids: number[] } | { reason: 'permission' | 'not-found' } | undefined;

/** A row's owner fields. */
export interface RowOwner {
  pids: number[];
  reason: OwnerReason | null;
}

/**
 * The row's pids and, when it has none, why. `elevated`: we run as root, so a table we could
 * not read stays unreadable with more rights (`unreadable`, not `permission`).
 */
export function ownerOf(answer: OwnerAnswer, elevated: boolean): RowOwner {
  if (!answer) return { pids: [], reason: 'not-found' };
  if ('pids' in answer) return answer.pids.length ? { pids: answer.pids, reason: null } : { pids: [], reason: 'not-found' };
  return { pids: [], reason: answer.reason === 'permission' && elevated ? 'unreadable' : answer.reason };
}
