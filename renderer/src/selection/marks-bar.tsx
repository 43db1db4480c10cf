/** Shown while rows are marked: how many, Copy (Ctrl+C) and Clear; announced as it changes. */
import './marks.css';

export function MarksBar(props: { count: number; onCopy: () => void; onClear: () => void }) {
  return (
    <div className="marks-bar" role="status" aria-live="polite" data-testid="marks-bar">
      {props.count > 0 && (
        <>
          <span data-testid="marks-count">
            {props.count} row{props.count === 1 ? '' : 's'} selected
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={props.onCopy}
            aria-keyshortcuts="Control+C"
            data-testid="marks-copy"
          >
            Copy (Ctrl+C)
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={props.onClear}
            data-testid="marks-clear"
          >
            Clear
          </button>
        </>
      )}
    </div>
  );
}
