/**
 * Banners above the table: a lost connection, collector errors, collector warnings, hidden
 * owners. Each says what it means and what to do; the informational ones can be dismissed.
 */
import { useState, type ReactNode } from 'react';
import type { LiveStore, StoreStatus } from '../store/live-store';
import { WRONG_TOKEN_MESSAGE } from '../transport/page-token';
import { formatCount } from '../ui/format-number';
import { IconButton } from '../ui/icon-button';
import { Icon, type IconName } from '../ui/icons';
import { useStoreVersion } from './app-context';

/** Props of Banners. */
export interface BannersProps {
  store: LiveStore;
  status: StoreStatus;
}

/** One banner: an icon, its text, then an action or a dismiss button. */
function Banner(props: {
  tone: 'danger' | 'warning' | 'info';
  icon: IconName;
  testId: string;
  /** The dismiss button's accessible name. */
  dismissLabel: string;
  onDismiss: () => void;
  children: ReactNode;
}) {
  return (
    <div
      className={`banner banner--${props.tone}`}
      role={props.tone === 'danger' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      <Icon name={props.icon} />
      <span className="banner__text">{props.children}</span>
      <IconButton icon="close" small label={props.dismissLabel} onClick={props.onDismiss} />
    </div>
  );
}

/** What the disconnected banner says, by state: each names what to do. */
function disconnectedText(connection: StoreStatus['connection']): ReactNode {
  switch (connection) {
    case 'gone':
      return (
        <>
          The PortLens server at {location.host} has stopped. Start <code>portlens serve</code> again and open the
          URL it prints (it reuses port {location.port} when that is free). The table shows the last data received.
        </>
      );
    case 'stale':
      return `${WRONG_TOKEN_MESSAGE} The table shows the last data received.`;
    case 'retrying':
      return 'Connection to PortLens lost. Reconnecting… (the table shows the last data received)';
    default:
      return 'Disconnected from PortLens. The table shows the last data received.';
  }
}

/** Shown instead of the others while the connection is down. */
function DisconnectedBanner({ store, status }: BannersProps) {
  return (
    <div className="banners">
      <div className="banner banner--danger" role="alert" data-testid="disconnected-banner" data-connection={status.connection}>
        <Icon name="plug" />
        <span className="banner__text">{disconnectedText(status.connection)}</span>
        {status.connection !== 'stale' && (
          <button
            type="button"
            className="button button--small"
            onClick={() => (status.selfReconnecting ? location.reload() : store.retry())}
            data-testid="retry-connection"
          >
            {status.selfReconnecting ? 'Reload' : 'Retry'}
          </button>
        )}
      </div>
    </div>
  );
}

/** The banners (none when all is well). */
export function Banners({ store, status }: BannersProps) {
  useStoreVersion(store);
  const { hiddenOwners, warnings } = store.data.meta;
  const [hiddenDismissed, setHiddenDismissed] = useState(false);
  const [dismissedWarnings, setDismissedWarnings] = useState<string | null>(null);
  const warningKey = warnings.join('\n');

  if (status.connection !== 'connected') return <DisconnectedBanner store={store} status={status} />;

  return (
    <div className="banners">
      {status.errors.map((entry) => (
        <Banner
          key={entry.id}
          tone="danger"
          icon="warning"
          testId="error-banner"
          dismissLabel="Dismiss error"
          onDismiss={() => store.dismissError(entry.id)}
        >
          {entry.error.message}
          {entry.count > 1 && <span className="banner__count"> ×{entry.count}</span>}
          {entry.error.detail && (
            <details className="banner__detail">
              <summary>Details</summary>
              <pre className="mono">{entry.error.detail}</pre>
            </details>
          )}
        </Banner>
      ))}
      {warnings.length > 0 && dismissedWarnings !== warningKey && (
        <Banner
          tone="warning"
          icon="info"
          testId="warning-banner"
          dismissLabel="Dismiss warnings"
          onDismiss={() => setDismissedWarnings(warningKey)}
        >
          {warnings.map((warning) => (
            <span key={warning} className="banner__line">
              {warning}
            </span>
          ))}
        </Banner>
      )}
      {hiddenOwners > 0 && !hiddenDismissed && (
        <Banner
          tone="info"
          icon="lock"
          testId="hidden-owners-banner"
          dismissLabel="Dismiss hidden owners notice"
          onDismiss={() => setHiddenDismissed(true)}
        >
          {hiddenOwners === 1
            ? 'The owner of 1 socket is hidden'
            : `Owners of ${formatCount(hiddenOwners)} sockets are hidden`}
          : run with administrator rights to see other users’ processes.
        </Banner>
      )}
    </div>
  );
}
