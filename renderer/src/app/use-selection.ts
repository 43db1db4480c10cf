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
  // Bumped when the user opens a row with Enter: the panel then takes focus and says so.
  // Zero when the panel opens for another reason (a revealed row), which leaves focus alone.
  const [panelFocus, setPanelFocus] = useState(0);

  const select = useCallback((key: string, scroll: boolean) => {
    setSelected(key);
    if (scroll) setScrollRequest((n) => n + 1);
    // An open panel follows the selection.
    if (groupKeyOf(key) === null) setPanel((old) => (old ? { kind: 'row', rowId: key } : old));
  }, []);

  const activate = useCallback(
    (key: string, viaKeyboard = false) => {
      const group = groupKeyOf(key);
      setSelected(key);
      if (group !== null) toggleGroup(group);
      else {
        setPanel({ kind: 'row', rowId: key });
        if (viaKeyboard) setPanelFocus((n) => n + 1);
      }
    },
    [toggleGroup],
  );

  const closePanel = useCallback(() => {
    setPanel(null);
    focusGrid();
  }, []);

  const showRow = useCallback((rowId: string) => {
    setPanelFocus(0);
    setSelected(rowId);
    setScrollRequest((n) => n + 1);
    setPanel({ kind: 'row', rowId });
    focusGrid();
  }, []);

  return {
    selected,
    setSelected,
    scrollRequest,
    panel,
    setPanel,
    panelFocus,
    select,
    activate,
    closePanel,
    showRow,
  };
}
