/**
 * The view's state: the saved prefs (filter, toggles, grouping, sort, column sizes) and the
 * collapsed groups, turned into the store's view settings.
 */
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useState } from 'react';
import { DEFAULT_TOGGLES } from '../filter/match-row';
import { parseFilter } from '../filter/parse-filter';
import type { ViewPrefs } from '../filter/view-prefs';
import type { LiveStore } from '../store/live-store';
import { usePersistPrefs } from './use-persist-prefs';
import { buildViewSettings } from './view-settings';

/** The prefs and collapsed groups, kept in step with the store's view. */
export function useViewState(store: LiveStore, initialPrefs: ViewPrefs) {
  const [prefs, setPrefs] = useState(initialPrefs);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  usePersistPrefs(prefs);
  const filterText = useDeferredValue(prefs.filterText);
  const parsed = useMemo(() => parseFilter(filterText), [filterText]);
  const settings = useMemo(() => buildViewSettings(prefs, parsed, collapsed), [prefs, parsed, collapsed]);
  useLayoutEffect(() => store.setSettings(settings), [store, settings]);

  const updatePrefs = useCallback(
    (patch: Partial<ViewPrefs>) => setPrefs((old) => ({ ...old, ...patch })),
    [],
  );
  const clearFilter = useCallback(
    () => updatePrefs({ filterText: '', toggles: DEFAULT_TOGGLES }),
    [updatePrefs],
  );
  const addFilterToken = useCallback(
    (token: string) =>
      setPrefs((old) => ({
        ...old,
        filterText: old.filterText.includes(token) ? old.filterText : `${old.filterText} ${token}`.trim(),
      })),
    [],
  );
  const toggleGroup = useCallback((groupKey: string, expand?: boolean) => {
    setCollapsed((old) => {
      const next = new Set(old);
      const open = expand ?? next.has(groupKey);
      if (open) next.delete(groupKey);
      else next.add(groupKey);
      return next;
    });
  }, []);

  return { prefs, parsed, settings, setCollapsed, updatePrefs, clearFilter, addFilterToken, toggleGroup };
}
