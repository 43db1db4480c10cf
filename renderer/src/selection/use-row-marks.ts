/**
 * The multi-selection: Ctrl/⌘+click toggles a row, Shift+click marks the range from the last
 * marked (or selected) row, Shift+↑/↓ extends it from the keyboard, Ctrl+Space toggles the
 * selected row, and Ctrl+C in the grid copies the marked rows (or the selected one) as TSV with
 * the export's header. A plain click clears the marks. The listeners run in the capture phase,
 * before the grid's own handlers, so the grid's keys are left as they are.
 */
import { rowsToTsv } from '@contract/export/row-export';
import type { SocketRow } from '@contract/model';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actions } from '../actions/actions-context';
import type { LiveStore } from '../store/live-store';

const NO_MARKS: ReadonlySet<string> = new Set();

function rowIdAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const row = target.closest<HTMLElement>('[data-testid="socket-table"] [data-testid="row"]');
  return row?.dataset.rowId ?? null;
}

function inGrid(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-testid="socket-table"]') !== null;
}

/** The row ids between `from` and `to` (inclusive) in the view's order. */
function rangeOf(store: LiveStore, from: string, to: string): string[] {
  const ids = store.view.items.filter((item): item is string => typeof item === 'string');
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < 0) return [to];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** The marks, and the copy of them; `selected` is the grid's single selection. */
export function useRowMarks(
  store: LiveStore,
  selected: string | null,
  actions: Pick<Actions, 'copy'> | null,
) {
  const [marked, setMarked] = useState<ReadonlySet<string>>(NO_MARKS);
  const anchor = useRef<string | null>(null);
  const extend = useRef(false);
  const state = useRef({ marked, selected, actions });
  useEffect(() => {
    state.current = { marked, selected, actions };
  });

  const copyMarked = useCallback(() => {
    const { marked: ids, selected: one } = state.current;
    const rows: SocketRow[] = [];
    for (const id of ids.size ? ids : one ? [one] : []) {
      const entry = store.data.rows.get(id);
      if (entry) rows.push(entry.row);
    }
    if (!rows.length) return;
    const what = rows.length === 1 ? 'row' : `${rows.length} rows`;
    state.current.actions?.copy(rowsToTsv(rows, (pid) => store.data.process(pid)).trimEnd(), what);
  }, [store]);

  // Shift+arrow moved the selection: the marks span from the anchor to it.
  useEffect(() => {
    if (!extend.current || selected === null) return;
    extend.current = false;
    const from = anchor.current ?? selected;
    anchor.current = from;
    setMarked(new Set(rangeOf(store, from, selected)));
  }, [selected, store]);

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const id = rowIdAt(event.target);
      if (id === null) return;
      if (!(event.ctrlKey || event.metaKey || event.shiftKey)) {
        if (state.current.marked.size) setMarked(NO_MARKS);
        anchor.current = id;
        return;
      }
      event.stopPropagation();
      event.preventDefault();
      const { marked: now, selected: one } = state.current;
      if (event.shiftKey) {
        const from = anchor.current ?? one ?? id;
        setMarked(new Set(rangeOf(store, from, id)));
      } else {
        const next = new Set(now.size ? now : one && one !== id ? [one] : []);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        anchor.current = id;
        setMarked(next);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!inGrid(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const { marked: now, selected: one } = state.current;
      if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        if (!now.size) anchor.current = one;
        extend.current = true; // the grid moves the selection; the effect above extends
      } else if (mod && event.key === ' ' && one !== null && store.data.rows.has(one)) {
        event.stopPropagation();
        event.preventDefault();
        const next = new Set(now);
        if (next.has(one)) next.delete(one);
        else next.add(one);
        anchor.current = one;
        setMarked(next);
      } else if (mod && event.key.toLowerCase() === 'c' && !window.getSelection()?.toString()) {
        event.preventDefault();
        copyMarked();
      }
    };
    window.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [store, copyMarked]);

  return { marked, copyMarked, clearMarks: useCallback(() => setMarked(NO_MARKS), []) };
}
