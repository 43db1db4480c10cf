/** The toast region: results of actions and errors, newest at the bottom. */
import { useSyncExternalStore } from 'react';
import { IconButton } from './icon-button';
import { Icon, type IconName } from './icons';
import type { ToastKind, ToastStore } from './toast-store';
import './ui.css';

const ICON: Record<ToastKind, IconName> = {
  success: 'check',
  error: 'warning',
  warning: 'warning',
  info: 'info',
};

/** Renders the toasts of `store`. */
export function Toasts({ store }: { store: ToastStore }) {
  const toasts = useSyncExternalStore(store.subscribe, store.getToasts);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={toast.kind}
        >
          <Icon name={ICON[toast.kind]} className="toast__icon" />
          <div className="toast__content">
            <div className="toast__title">{toast.title}</div>
            {toast.body && <div className="toast__body">{toast.body}</div>}
            {toast.detail && (
              <details className="toast__detail">
                <summary>Details</summary>
                <pre>{toast.detail}</pre>
              </details>
            )}
          </div>
          {toast.action && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                store.dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <IconButton icon="close" small label="Dismiss" onClick={() => store.dismiss(toast.id)} />
        </div>
      ))}
    </div>
  );
}
