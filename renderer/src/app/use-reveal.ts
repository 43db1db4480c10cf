/**
 * Revealing a row (tray item, notification click): make it visible (expand its group, clear
 * a filter that hides it), then select it, scroll to it and open the panel. A row that has
 * not arrived yet (the notification can be faster than the delta) is waited for briefly.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { LiveStore } from '../store/live-store';
import type { ViewSettings } from '../store/view-index';
import type { ToastStore } from '../ui/toast-store';

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
  // Stops waiting for a row that has not arrived yet.
  const stopWaiting = useRef<(() => void) | null>(null);

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
      stopWaiting.current?.();
      stopWaiting.current = null;
      if (attempt(rowId)) return;
      // Retry on each store update until the row exists or the wait is over.
      const { store, toasts } = ref.current;
      const until = Date.now() + WAIT_MS;
      const unsubscribe = store.subscribe(() => {
        if (attempt(rowId)) stop();
        else if (Date.now() > until) {
          stop();
          toasts.push({ kind: 'info', title: 'That socket is no longer open', timeoutMs: 4000 });
        }
      });
      const stop = () => {
        unsubscribe();
        if (stopWaiting.current === stop) stopWaiting.current = null;
      };
      stopWaiting.current = stop;
    },
    [attempt],
  );

  useEffect(() => () => stopWaiting.current?.(), []);

  useEffect(
    () =>
      options.store.onEvent((event) => {
        if (event.type === 'reveal') reveal(event.rowId);
      }),
    [options.store, reveal],
  );

  return reveal;
}
