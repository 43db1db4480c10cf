/**
 * A modal dialog on the native <dialog> element: the browser traps focus, puts it in the top
 * layer, makes the page behind inert, and turns Esc into `cancel`.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from './icons';
import { trackModal } from './modal-state';

/** What Tab can reach inside the dialog, in order. */
const TABBABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first and Shift+Tab from the first to the last: the
 * native modal lets focus leave to the browser (and <body>) once on its way round.
 */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.offsetParent !== null || el === document.activeElement,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}

/** Props of Dialog. */
export interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Buttons; the dialog adds none itself besides the close icon. */
  footer?: ReactNode;
  testId?: string;
  /** `danger` tints the header for destructive actions. */
  tone?: 'default' | 'danger';
  /** Wider than a form: `true` for tables, `'extra'` for a table of many columns (the timeline). */
  wide?: boolean | 'extra';
}

/** A modal dialog, open while mounted. */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  testId,
  tone = 'default',
  wide = false,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const closed = trackModal();
    if (dialog && !dialog.open) dialog.showModal();
    // showModal() focuses the first control (the header's Close); a control marked
    // data-autofocus (Cancel in the kill and restart dialogs) is where focus belongs.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      closed();
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${tone}${wide ? ' dialog--wide' : ''}${wide === 'extra' ? ' dialog--extra-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={keepTabInside}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) {
          const box = ref.current.getBoundingClientRect();
          const inside =
            event.clientX >= box.left &&
            event.clientX <= box.right &&
            event.clientY >= box.top &&
            event.clientY <= box.bottom;
          if (!inside) onClose();
        }
      }}
    >
      {/* Divs, not <header>/<footer>: inside a dialog those would be page landmarks. */}
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </dialog>
  );
}
