/** What the table body shows when it has no rows: still loading, or nothing matches. */

/** Skeleton rows while the first snapshot is collected. */
export function LoadingState() {
  return (
    <div className="empty empty--loading" data-testid="loading" role="status">
      <div className="skeleton" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="skeleton__row" />
        ))}
      </div>
      <p>Collecting sockets…</p>
    </div>
  );
}

/** Props of NoMatches. */
export interface NoMatchesProps {
  filterText: string;
  togglesHide: boolean;
  total: number;
  onClear: () => void;
}

/** Nothing passes the filter (or there is nothing at all). */
export function NoMatches({ filterText, togglesHide, total, onClear }: NoMatchesProps) {
  if (total === 0) {
    return (
      <div className="empty" data-testid="empty-state">
        <p>No sockets are open.</p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="empty-state">
      <p>
        No sockets match {filterText ? <code className="mono">{filterText}</code> : 'the toggles'}
        {filterText && togglesHide ? ' with the current toggles' : ''}.
      </p>
      <button type="button" className="button" onClick={onClear} data-testid="empty-clear-filter">
        Clear filter
      </button>
    </div>
  );
}
