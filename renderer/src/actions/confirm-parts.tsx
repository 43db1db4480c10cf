/** Pieces the kill and restart confirmations share: the footer's buttons, a failed preview. */
import type { ContractError } from '@contract/api';

/** Cancel (focused first) and the confirming button. */
export function ConfirmButtons(props: {
  /** The confirming button's classes (its tone). */
  className: string;
  disabled: boolean;
  testId: string;
  label: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <>
      <span className="spacer" />
      {/* Focus starts on Cancel: Enter right after opening must not kill or restart. */}
      <button type="button" className="button" onClick={props.onCancel} data-autofocus data-testid="confirm-cancel">
        Cancel
      </button>
      <button
        type="button"
        className={props.className}
        disabled={props.disabled}
        onClick={props.onConfirm}
        data-testid={props.testId}
      >
        {props.label}
      </button>
    </>
  );
}

/** Why the preview could not be made. */
export function PreviewError({ error }: { error: ContractError }) {
  return (
    <div className="callout callout--danger" role="alert" data-testid="action-error">
      <strong>{error.message}</strong>
      {error.detail && <pre className="mono">{error.detail}</pre>}
    </div>
  );
}
