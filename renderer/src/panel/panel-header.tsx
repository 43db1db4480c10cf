/** The owner panel's header: what it shows (name, pid, user, sharing pids) and a close button. */
import { IconButton } from '../ui/icon-button';
import type { Owner } from './use-owner';

/** The header. */
export function PanelHeader({ owner, onClose }: { owner: Owner; onClose: () => void }) {
  const { entry, pid, proc, title, ended } = owner;
  return (
    <header className="panel__header">
      <div className="panel__title">
        <h2 data-testid="panel-title" tabIndex={-1}>
          {title}
        </h2>
        <div className="panel__subtitle">
          {pid !== undefined && <span className="mono">pid {pid}</span>}
          {proc && <span>{proc.user}</span>}
          {ended && (
            <span className="badge badge--closing" data-testid="panel-ended">
              ended
            </span>
          )}
          {entry && entry.row.pids.length > 1 && <span>shared by pids {entry.row.pids.join(', ')}</span>}
        </div>
      </div>
      <IconButton
        icon="close"
        label="Close panel"
        title="Close (Esc)"
        onClick={onClose}
        testId="panel-close"
      />
    </header>
  );
}
