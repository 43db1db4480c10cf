/** The selected item, requests to scroll it into view, and the owner panel that follows it. */
import { useCallback, useState } from 'react';
import type { PanelTarget } from '../panel/owner-panel';
import { groupKeyOf } from '../table/item-key';

/** Focuses the socket grid. */
export function focusGrid() {
  document.querySelector<HTMLElement>('[data-testid="socket-table"]')?.focus();
}

/** The selection and the panel; `toggleGroup` opens or closes a group on activation. */
export function useSelection(toggleGroup: (groupKey: string) => void) {
  const [selected, setSelected] = useState<string | null>(null);
  const [scrollRequest, setScrollRequest] = useState(0);
  const [panel, setPanel] = useState<PanelTarget | null>(null);

  const select = useCallback((key: string, scroll: boolean) => {
    setSelected(key);
    if (scroll) setScrollRequest((n) => n + 1);
    // An open panel follows the selection.
    if (groupKeyOf(key) === null) setPanel((old) => (old ? { kind: 'row', rowId: key } : old));
  }, []);

  const activate = useCallback(
    (key: string) => {
      const group = groupKeyOf(key);
      setSelected(key);
      if (group !== null) toggleGroup(group);
      else setPanel({ kind: 'row', rowId: key });
    },
    [toggleGroup],
  );

  const closePanel = useCallback(() => {
    setPanel(null);
    focusGrid();
  }, []);

  const showRow = useCallback((rowId: string) => {
    setSelected(rowId);
    setScrollRequest((n) => n + 1);
    setPanel({ kind: 'row', rowId });
    focusGrid();
  }, []);

  return { selected, setSelected, scrollRequest, panel, setPanel, select, activate, closePanel, showRow };
}
