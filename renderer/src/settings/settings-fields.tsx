/** The settings form's fields: a labelled checkbox and a labelled monospace text input. */
import { useId, type HTMLAttributes } from 'react';

/** A checkbox with its label after it. */
export function CheckField(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  testId: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      {props.label}
    </label>
  );
}

/** A text input with its label beside it, and what is wrong with its value under it. */
export function TextField(props: {
  label: string;
  value: string;
  /** Why the value cannot be saved; shown under the input, which is marked invalid. */
  error?: string | undefined;
  disabled?: boolean;
  placeholder?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  testId: string;
  onChange: (value: string) => void;
}) {
  const errorId = useId();
  return (
    <label className="settings__field">
      <span>{props.label}</span>
      <input
        className="mono"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        inputMode={props.inputMode}
        value={props.value}
        disabled={props.disabled}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
      {props.error && (
        <span id={errorId} className="settings__field-error" data-testid={`${props.testId}-error`}>
          {props.error}
        </span>
      )}
    </label>
  );
}
