/**
 * Revealing a row (tray item, notification click): make it visible (expand its group, clear
 * a filter that hides it), then select it, scroll to it and open the panel. A row that has
 * not arrived yet (the notification can be faster than the delta) is waited for briefly.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { LiveStore } from '../store/live-store';
import type { ViewSettings } from '../store/view-index';
import type { ToastStore } from '../ui/toast-store';
import { useStoreVersion } from './app-context';

const WAIT_MS = 5000;

/** What revealing needs from the app. */
export interface RevealOptions {
  store: LiveStore;
  settings: ViewSettings;
  setCollapsed: (update: (old: ReadonlySet<string>) => ReadonlySet<string>) => void;
  clearFilter: () => void;
  toasts: ToastStore;
  onRevealed: (rowId: string) => void;
}

/** Returns `reveal(rowId)`; also handles the stream's reveal messages. */
export function useReveal(options: RevealOptions): (rowId: string) => void {
  const ref = useRef(options);
  useEffect(() => {
    ref.current = options;
  });
  const pending = useRef<{ rowId: string; until: number } | null>(null);
  const version = useStoreVersion(options.store);

  const attempt = useCallback((rowId: string): boolean => {
    const { store, settings, setCollapsed, clearFilter, toasts, onRevealed } = ref.current;
    const entry = store.data.rows.get(rowId);
    if (!entry) return false;
    if (store.view.indexOf(rowId) < 0) {
      if (settings.predicate && !settings.predicate(entry.row, store.data)) {
        clearFilter();
        toasts.push({
          kind: 'info',
          title: 'Filter cleared',
          body: 'The socket you asked for was hidden by the filter.',
          timeoutMs: 4000,
        });
      }
      const group = store.view.groupKeyOf(entry, settings.groupBy);
      if (group !== null && settings.collapsed.has(group)) {
        setCollapsed((old) => {
          const next = new Set(old);
          next.delete(group);
          return next;
        });
      }
    }
    onRevealed(rowId);
    return true;
  }, []);

  const reveal = useCallback(
    (rowId: string) => {
      pending.current = null;
      if (!attempt(rowId)) pending.current = { rowId, until: Date.now() + WAIT_MS };
    },
    [attempt],
  );

  // Retry a pending reveal as data arrives.
  useEffect(() => {
    const wanted = pending.current;
    if (!wanted) return;
    if (attempt(wanted.rowId)) pending.current = null;
    else if (Date.now() > wanted.until) {
      pending.current = null;
      ref.current.toasts.push({ kind: 'info', title: 'That socket is no longer open', timeoutMs: 4000 });
    }
  }, [version, attempt]);

  useEffect(
    () =>
      options.store.onEvent((event) => {
        if (event.type === 'reveal') reveal(event.rowId);
      }),
    [options.store, reveal],
  );

  return reveal;
}
