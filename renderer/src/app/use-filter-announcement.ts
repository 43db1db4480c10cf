/**
 * Says, politely, how many sockets a filter leaves: "12 of 3,410 sockets match :8000", or "No
 * sockets match". Debounced: typing ":8000" is read once, after the user pauses, not per key.
 * Only a change of the filter or toggles is announced; live updates under a filter are not.
 */
import { useEffect, useRef } from 'react';
import type { FilterToggles } from '../filter/match-row';
import type { LiveStore } from '../store/live-store';
import { formatCount } from '../ui/format-number';
import { announce, announcements } from '../ui/announcer';

/** How long after the last change the count is read. */
export const FILTER_ANNOUNCE_DELAY_MS = 700;

/** Announces the match count after each change of `filterText` or `toggles`. */
export function useFilterAnnouncement(store: LiveStore, filterText: string, toggles: FilterToggles): void {
  const togglesKey = JSON.stringify(toggles);
  // The filter restored from prefs at start is not a change.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    // Something said meanwhile (the panel opening after Enter) is newer news than the count.
    const before = announcements();
    const timer = setTimeout(() => {
      if (announcements() !== before) return;
      const { matched, total } = store.view;
      const what = filterText.trim() ? ` ${filterText.trim()}` : ' the filter';
      announce(
        matched === 0
          ? `No sockets match${what}`
          : matched === total
            ? `All ${formatCount(total)} sockets shown`
            : `${formatCount(matched)} of ${formatCount(total)} sockets match${what}`,
      );
    }, FILTER_ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, filterText, togglesKey]);
}
