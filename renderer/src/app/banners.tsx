/**
 * Banners above the table: a lost connection, collector errors, collector warnings, hidden
 * owners. Each says what it means and what to do; the informational ones can be dismissed.
 */
import { useState } from 'react';
import type { LiveStore, StoreStatus } from '../store/live-store';
import { formatCount } from '../ui/format-number';
import { useStoreVersion } from './app-context';
import { Icon } from '../ui/icons';

/** Props of Banners. */
export interface BannersProps {
  store: LiveStore;
  status: StoreStatus;
}

/** The banners (none when all is well). */
export function Banners({ store, status }: BannersProps) {
  useStoreVersion(store);
  const { hiddenOwners, warnings } = store.data.meta;
  const [hiddenDismissed, setHiddenDismissed] = useState(false);
  const [dismissedWarnings, setDismissedWarnings] = useState<string | null>(null);
  const warningKey = warnings.join('\n');

  if (status.connection !== 'connected') {
    const retrying = status.connection === 'retrying';
    return (
      <div className="banners">
        <div className="banner banner--danger" role="alert" data-testid="disconnected-banner">
          <Icon name="plug" />
          <span className="banner__text">
            {retrying
              ? 'Connection to PortLens lost. Reconnecting… (the table shows the last data received)'
              : 'Disconnected from PortLens. The table shows the last data received.'}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => (status.selfReconnecting ? location.reload() : store.retry())}
            data-testid="retry-connection"
          >
            {status.selfReconnecting ? 'Reload' : 'Retry'}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="banners">
      {status.errors.map((entry) => (
        <div key={entry.id} className="banner banner--danger" role="alert" data-testid="error-banner">
          <Icon name="warning" />
          <span className="banner__text">
            {entry.error.message}
            {entry.count > 1 && <span className="banner__count"> ×{entry.count}</span>}
            {entry.error.detail && (
              <details className="banner__detail">
                <summary>Details</summary>
                <pre className="mono">{entry.error.detail}</pre>
              </details>
            )}
          </span>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="Dismiss error"
            onClick={() => store.dismissError(entry.id)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
      {warnings.length > 0 && dismissedWarnings !== warningKey && (
        <div className="banner banner--warning" role="status" data-testid="warning-banner">
          <Icon name="info" />
          <span className="banner__text">
            {warnings.map((warning) => (
              <span key={warning} className="banner__line">
                {warning}
              </span>
            ))}
          </span>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="Dismiss warnings"
            onClick={() => setDismissedWarnings(warningKey)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {hiddenOwners > 0 && !hiddenDismissed && (
        <div className="banner banner--info" role="status" data-testid="hidden-owners-banner">
          <Icon name="lock" />
          <span className="banner__text">
            {hiddenOwners === 1
              ? 'The owner of 1 socket is hidden'
              : `Owners of ${formatCount(hiddenOwners)} sockets are hidden`}
            : run with administrator rights to see other users’ processes.
          </span>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="Dismiss hidden owners notice"
            onClick={() => setHiddenDismissed(true)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
    </div>
  );
}
