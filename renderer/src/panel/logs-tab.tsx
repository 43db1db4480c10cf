/** The owner panel's Logs tab: what PortLens can find (its own restart logs, journal, docker). */
import { useLayoutEffect, useRef } from 'react';
import type { Target } from '@contract/api';
import { useActions } from '../actions/actions-context';
import { useServices } from '../app/app-context';
import { formatCommand } from '../table/format';
import { IconButton } from '../ui/icon-button';
import { useCall } from '../ui/use-call';

const LINES = 500;

const SOURCE_LABEL = {
  portlens: 'PortLens restart log',
  journal: 'systemd journal',
  docker: 'docker logs',
  none: 'no logs',
} as const;

/** The tab; loads on mount and on Refresh. */
export function LogsTab({ target }: { target: Target }) {
  const { api } = useServices();
  const actions = useActions();
  const [logs, reload] = useCall(JSON.stringify(target), () => api.logs({ target, lines: LINES }));
  const textRef = useRef<HTMLPreElement>(null);

  // Logs read bottom-up: start at the newest line.
  useLayoutEffect(() => {
    if (textRef.current) textRef.current.scrollTop = textRef.current.scrollHeight;
  }, [logs]);

  return (
    <div className="logs" data-testid="logs-tab">
      <div className="logs__bar">
        {logs.state === 'ok' && <span className="badge">{SOURCE_LABEL[logs.value.source]}</span>}
        {logs.state === 'ok' && logs.value.command && (
          <button
            type="button"
            className="link-button mono logs__command"
            title="Copy command"
            onClick={() => actions.copy(formatCommand(logs.value.command ?? []), 'command')}
          >
            $ {formatCommand(logs.value.command)}
          </button>
        )}
        <span className="spacer" />
        <IconButton icon="refresh" label="Refresh logs" title="Refresh" onClick={reload} />
      </div>
      {logs.state === 'loading' && <p className="dim">Loading logs…</p>}
      {logs.state === 'error' && (
        <div className="callout callout--danger" role="alert">
          {logs.error.message}
          {logs.error.detail && <pre className="mono">{logs.error.detail}</pre>}
        </div>
      )}
      {logs.state === 'ok' && logs.value.source === 'none' && (
        <p className="callout">{logs.value.reason ?? 'No logs are reachable for this process.'}</p>
      )}
      {logs.state === 'ok' && logs.value.logFile && (
        <p className="dim mono logs__file">{logs.value.logFile}</p>
      )}
      {logs.state === 'ok' && logs.value.source !== 'none' && (
        <pre ref={textRef} className="logs__text mono" tabIndex={0} aria-label="Log output">
          {logs.value.text || '(empty)'}
        </pre>
      )}
    </div>
  );
}
