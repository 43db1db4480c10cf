/**
 * The store's clock for cells that show time (ages). Passed by context so that a tick
 * re-renders those cells only, not every row around them.
 */
import { createContext, useContext } from 'react';
import { formatDuration } from './format';

/** Epoch ms of the latest update. */
export const ClockContext = createContext(0);

/** How long ago `since` was, at the store's clock. */
export function Age({ since }: { since: number }) {
  const now = useContext(ClockContext);
  return <>{formatDuration(now - since)}</>;
}
