/** The toolbar's "Recent messages": the last toasts (results, errors, new ports), newest first. */
import { useState, useSyncExternalStore } from 'react';
import { Dialog } from '../ui/dialog';
import { formatClock } from '../ui/format-number';
import { IconButton } from '../ui/icon-button';
import { useServices } from './app-context';

/** The list, in a dialog. */
function HistoryDialog({ onClose }: { onClose: () => void }) {
  const { toasts } = useServices();
  const history = useSyncExternalStore(toasts.subscribe, toasts.getHistory);
  return (
    <Dialog title="Recent messages" testId="toast-history" onClose={onClose}>
      {history.length === 0 ? (
        <p className="dim">No messages yet.</p>
      ) : (
        <ol className="toast-history" data-testid="toast-history-list">
          {history.map((toast) => (
            <li
              key={toast.id}
              className={`toast-history__item toast--${toast.kind}`}
              data-key={toast.key ?? undefined}
            >
              <time className="dim mono" dateTime={new Date(toast.time).toISOString()}>
                {formatClock(toast.time)}
              </time>{' '}
              <span className="visually-hidden">{toast.kind === 'error' ? 'Error: ' : ''}</span>
              <strong>{toast.title}</strong>
              {toast.body && <div className="toast__body">{toast.body}</div>}
              {toast.detail && <pre className="toast-history__detail mono">{toast.detail}</pre>}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

/** The toolbar button that opens the history. */
export function ToastHistoryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton
        icon="info"
        label="Recent messages"
        title="Recent messages: results, errors and new ports"
        onClick={() => setOpen(true)}
        testId="open-toast-history"
      />
      {open && <HistoryDialog onClose={() => setOpen(false)} />}
    </>
  );
}
