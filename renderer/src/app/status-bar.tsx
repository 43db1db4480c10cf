/** The status bar: what is shown out of what exists (open sockets only), counts, hidden owners, source, freshness. */
import type { LiveStore } from '../store/live-store';
import { useStoreVersion } from './app-context';
import { formatClock, formatCount } from '../ui/format-number';

/** Props of StatusBar. */
export interface StatusBarProps {
  store: LiveStore;
  resyncing: boolean;
  /** Rows of the first snapshot still on their way (StoreStatus.incoming). */
  incoming: number;
}

const n = formatCount;

/** The bar. */
export function StatusBar({ store, resyncing, incoming }: StatusBarProps) {
  useStoreVersion(store);
  const { view, data } = store;
  const { meta, counts } = data;
  // Live rows only: closed rows fading out are gone already.
  const total = counts.tcp + counts.udp;
  const matched = view.liveMatched(data);
  const filtered = view.matched !== view.total;
  if (!data.loaded) {
    return (
      <footer className="status-bar" data-testid="status-bar" role="status" aria-live="off">
        <span>Collecting sockets…</span>
        <span className="spacer" />
        {resyncing && <span className="dim">resyncing…</span>}
      </footer>
    );
  }
  return (
    <footer className="status-bar" data-testid="status-bar" role="status" aria-live="off">
      <span data-testid="status-rows">
        {filtered ? (
          <>
            <strong>{n(matched)}</strong> of {n(total)} sockets shown
          </>
        ) : (
          <>
            <strong>{n(total)}</strong> sockets
          </>
        )}
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span data-testid="status-counts">
        TCP {n(counts.tcp)} · UDP {n(counts.udp)} · listening {n(counts.listening)}
      </span>
      {meta.hiddenOwners > 0 && (
        <>
          <span className="status-bar__sep" aria-hidden="true" />
          <span
            className="status-bar__hidden"
            data-testid="status-hidden"
            title="Sockets whose owner process belongs to another user"
          >
            {n(meta.hiddenOwners)} hidden owner{meta.hiddenOwners === 1 ? '' : 's'}
          </span>
        </>
      )}
      <span className="spacer" />
      {incoming > 0 && (
        <span className="dim" data-testid="status-incoming">
          loading {n(incoming)} more…
        </span>
      )}
      {resyncing && <span className="dim">resyncing…</span>}
      <span title="Where the socket list comes from" data-testid="status-source">
        source <strong>{meta.source ?? '—'}</strong>
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="dim" title={`Snapshot #${meta.seq}`}>
        {meta.time ? `updated ${formatClock(meta.time)}` : 'waiting for data'}
      </span>
    </footer>
  );
}
