/** The status bar: what is shown out of what exists, counts, hidden owners, source, freshness. */
import { useMemo } from 'react';
import type { LiveStore } from '../store/live-store';
import { isListening } from '../table/format';

/** Props of StatusBar. */
export interface StatusBarProps {
  store: LiveStore;
  version: number;
  resyncing: boolean;
}

interface Counts {
  tcp: number;
  udp: number;
  listening: number;
  closing: number;
}

function count(store: LiveStore): Counts {
  const counts: Counts = { tcp: 0, udp: 0, listening: 0, closing: 0 };
  for (const { row, closingAt } of store.data.rows.values()) {
    if (closingAt !== null) {
      counts.closing++;
      continue;
    }
    if (row.protocol === 'tcp') counts.tcp++;
    else counts.udp++;
    if (isListening(row)) counts.listening++;
  }
  return counts;
}

const n = (value: number) => value.toLocaleString();

/** The bar. */
export function StatusBar({ store, version, resyncing }: StatusBarProps) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const counts = useMemo(() => count(store), [store, version]);
  const { view, data } = store;
  const { meta } = data;
  const live = counts.tcp + counts.udp;
  const filtered = view.matched !== view.total;
  return (
    <footer className="status-bar" data-testid="status-bar" role="status" aria-live="off">
      <span data-testid="status-rows">
        {filtered ? (
          <>
            <strong>{n(view.matched)}</strong> of {n(view.total)} sockets shown
          </>
        ) : (
          <>
            <strong>{n(view.total)}</strong> sockets
          </>
        )}
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span data-testid="status-counts">
        TCP {n(counts.tcp)} · UDP {n(counts.udp)} · listening {n(counts.listening)}
        {counts.closing > 0 && <span className="dim"> · closing {n(counts.closing)}</span>}
      </span>
      {meta.hiddenOwners > 0 && (
        <>
          <span className="status-bar__sep" aria-hidden="true" />
          <span className="status-bar__hidden" data-testid="status-hidden" title="Sockets whose owner process belongs to another user">
            {n(meta.hiddenOwners)} hidden owner{meta.hiddenOwners === 1 ? '' : 's'}
          </span>
        </>
      )}
      <span className="spacer" />
      {resyncing && <span className="dim">resyncing…</span>}
      <span title="Where the socket list comes from" data-testid="status-source">
        source <strong>{meta.source ?? '—'}</strong>
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="dim" title={`Snapshot #${meta.seq}, live ${n(live)}`}>
        {meta.time ? `updated ${new Date(meta.time).toLocaleTimeString(undefined, { hour12: false })}` : 'waiting for data'}
      </span>
    </footer>
  );
}
