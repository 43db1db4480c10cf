/**
 * The owner panel: the selected socket, the process that owns it (facts, ancestry, service
 * manager, all its sockets, a traffic chart, its logs) and the actions on it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PortFacts } from '../diagnose/port-facts';
import { announce } from '../ui/announcer';
import { PanelActions } from './panel-actions';
import { PanelHeader } from './panel-header';
import { ProcessTabs, type Tab } from './process-tabs';
import { SocketSummary } from './socket-summary';
import { useOwner, type PanelTarget } from './use-owner';
import './panel.css';

export type { PanelTarget } from './use-owner';

/** Props of OwnerPanel. */
export interface OwnerPanelProps {
  target: PanelTarget;
  /** Changes when the user opened a row: focus moves to the panel's heading (0: stay put). */
  focusRequest?: number;
  onClose: () => void;
  onOpenProcess: (pid: number) => void;
  onSelectRow: (rowId: string) => void;
}

/** The panel's heading. */
export function focusPanel(): boolean {
  const heading = document.querySelector<HTMLElement>('[data-testid="panel-title"]');
  heading?.focus();
  return !!heading;
}

/**
 * On each focus request: focus the heading (a screen reader reads it) and say how to get back.
 * Kill and Restart are then a few Tabs away (close, open, restart, kill).
 */
function useFocusOnRequest(focusRequest: number, title: string) {
  const handled = useRef(0);
  useEffect(() => {
    if (focusRequest === 0 || focusRequest === handled.current) return;
    handled.current = focusRequest;
    if (focusPanel()) announce(`Details of ${title}. Escape closes them, F6 returns to the table.`);
  }, [focusRequest, title]);
}

/** F6 goes back to the table (and from the table, F6 comes here). */
function onPanelKey(event: KeyboardEvent) {
  if (event.key !== 'F6') return;
  event.preventDefault();
  document.querySelector<HTMLElement>('[data-testid="socket-table"]')?.focus();
}

/** The panel. */
export function OwnerPanel({ target, focusRequest = 0, onClose, onOpenProcess, onSelectRow }: OwnerPanelProps) {
  const owner = useOwner(target);
  const [tab, setTab] = useState<Tab>('overview');
  const { entry, pid } = owner;
  const gone = target.kind === 'row' && !entry;
  useFocusOnRequest(focusRequest, owner.title);

  return (
    <aside
      className="panel"
      aria-label="Owner details"
      data-testid="owner-panel"
      data-pid={pid}
      onKeyDown={onPanelKey}
    >
      <PanelHeader owner={owner} onClose={onClose} />
      <PanelActions owner={owner} onStarted={onOpenProcess} />
      <div className="panel__scroll">
        {gone && <p className="callout">This socket has closed.</p>}
        {entry && <SocketSummary entry={entry} now={owner.data.clock} owners={owner.data} />}
        {entry && <PortFacts row={entry.row} />}
        {pid !== undefined && (
          <ProcessTabs
            owner={owner}
            pid={pid}
            target={target}
            tab={tab}
            setTab={setTab}
            onOpenProcess={onOpenProcess}
            onSelectRow={onSelectRow}
          />
        )}
      </div>
    </aside>
  );
}
