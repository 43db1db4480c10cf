/**
 * The toast region: results of actions and errors, newest at the bottom. Pointing at or
 * focusing a toast stops the timers; while a modal dialog is open the toasts wait unseen
 * behind it and appear (and are announced) once it closes.
 */
import { useEffect, useRef, useSyncExternalStore, type FocusEvent } from 'react';
import { Announcer } from './announcer';
import { IconButton } from './icon-button';
import { Icon, type IconName } from './icons';
import { modalOpen, subscribeModal } from './modal-state';
import type { Toast, ToastKind, ToastStore } from './toast-store';
import './ui.css';

const ICON: Record<ToastKind, IconName> = {
  success: 'check',
  error: 'warning',
  warning: 'warning',
  info: 'info',
};

/** Holds the store's timers while a modal is open. */
function useModalHold(store: ToastStore): boolean {
  const behindModal = useSyncExternalStore(subscribeModal, modalOpen);
  useEffect(() => {
    if (behindModal) store.hold('modal');
    else store.release('modal');
  }, [store, behindModal]);
  return behindModal;
}

/** One toast. */
function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number, run?: () => void) => void }) {
  return (
    <div
      className={`toast toast--${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
      data-key={toast.key ?? undefined}
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
          onClick={() => onDismiss(toast.id, toast.action?.run)}
        >
          {toast.action.label}
        </button>
      )}
      <IconButton icon="close" small label="Dismiss" onClick={() => onDismiss(toast.id)} testId="toast-dismiss" />
    </div>
  );
}

/** Renders the toasts of `store`, and the page's live region for announcements. */
export function Toasts({ store }: { store: ToastStore }) {
  const toasts = useSyncExternalStore(store.subscribe, store.getToasts);
  const behindModal = useModalHold(store);
  const regionRef = useRef<HTMLElement>(null);

  // Dismissing the focused toast must not drop focus to <body>: it goes to the next toast's
  // Dismiss button, else back to the table.
  const dismiss = (id: number, run?: () => void) => {
    const region = regionRef.current;
    const hadFocus = !!region && region.contains(document.activeElement);
    store.dismiss(id);
    run?.();
    if (!hadFocus || !region) return;
    requestAnimationFrame(() => {
      // Only when focus was lost: an action (Show) may have moved it somewhere on purpose.
      if (document.activeElement && document.activeElement !== document.body) return;
      const next =
        region.querySelector<HTMLElement>('[data-testid="toast-dismiss"]') ??
        document.querySelector<HTMLElement>('[data-testid="socket-table"]');
      next?.focus();
    });
  };
  const onBlur = (event: FocusEvent) => {
    if (!regionRef.current?.contains(event.relatedTarget as Node | null)) store.release('focus');
  };

  return (
    <section
      ref={regionRef}
      className="toasts"
      aria-label="Messages"
      data-testid="toasts"
      onMouseEnter={() => store.hold('pointer')}
      onMouseLeave={() => store.release('pointer')}
      onFocus={() => store.hold('focus')}
      onBlur={onBlur}
    >
      <div className="toasts__list" aria-live="polite">
        {!behindModal &&
          toasts.map((toast) => (
            // A replaced toast (same key) updates in place: focus and reading position stay.
            <ToastView key={toast.key ?? toast.id} toast={toast} onDismiss={dismiss} />
          ))}
      </div>
      <Announcer />
    </section>
  );
}
