/**
 * The owner panel: the selected socket, the process that owns it (facts, ancestry, service
 * manager, all its sockets, a traffic chart, its logs) and the actions on it.
 */
import { useState } from 'react';
import { PortFacts } from '../diagnose/port-facts';
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
  onClose: () => void;
  onOpenProcess: (pid: number) => void;
  onSelectRow: (rowId: string) => void;
}

/** The panel. */
export function OwnerPanel({ target, onClose, onOpenProcess, onSelectRow }: OwnerPanelProps) {
  const owner = useOwner(target);
  const [tab, setTab] = useState<Tab>('overview');
  const { entry, pid } = owner;
  const gone = target.kind === 'row' && !entry;

  return (
    <aside className="panel" aria-label="Owner details" data-testid="owner-panel" data-pid={pid}>
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
