/**
 * The owner panel: the selected socket, the process that owns it (facts, ancestry, service
 * manager, all its sockets, a traffic chart, its logs) and the actions on it.
 */
import { useEffect, useState } from 'react';
import type { Target } from '@contract/api';
import type { SocketRow } from '@contract/model';
import { processTarget, rowTarget } from '../actions/action-target';
import { useActions } from '../actions/actions-context';
import { useServices, useStoreVersion } from '../app/app-context';
import { formatCommand, formatEndpoint } from '../table/format';
import { Icon } from '../ui/icons';
import { useCall } from '../ui/use-call';
import { LogsTab } from './logs-tab';
import { ProcessOverview } from './process-overview';
import { ProcessSockets } from './process-sockets';
import { SocketSummary } from './socket-summary';
import { TrafficChart } from './traffic-chart';
import './panel.css';

/** What the panel shows: a row (and its owner) or a process (from the parent chain). */
export type PanelTarget = { kind: 'row'; rowId: string } | { kind: 'process'; pid: number };

/** Props of OwnerPanel. */
export interface OwnerPanelProps {
  target: PanelTarget;
  onClose: () => void;
  onOpenProcess: (pid: number) => void;
  onSelectRow: (rowId: string) => void;
}

type Tab = 'overview' | 'sockets' | 'logs';

/** Listening TCP sockets worth an "Open in browser" button, one per port, at most three. */
function httpCandidates(rows: SocketRow[]): SocketRow[] {
  const byPort = new Map<number, SocketRow>();
  for (const row of rows)
    if (row.protocol === 'tcp' && row.state === 'LISTEN' && !byPort.has(row.localPort))
      byPort.set(row.localPort, row);
  return [...byPort.values()].sort((a, b) => a.localPort - b.localPort).slice(0, 3);
}

/** The panel. */
export function OwnerPanel({ target, onClose, onOpenProcess, onSelectRow }: OwnerPanelProps) {
  const { api, store } = useServices();
  // Live: the panel shows the socket's state, its process's sockets and rates.
  useStoreVersion(store);
  const actions = useActions();
  const data = store.data;
  const [tab, setTab] = useState<Tab>('overview');
  const entry = target.kind === 'row' ? data.rows.get(target.rowId) : undefined;
  const pid = target.kind === 'process' ? target.pid : entry?.row.pids[0];
  const known = pid === undefined ? undefined : data.process(pid);
  const [detail, reload] = useCall(pid === undefined ? null : `pid:${pid}:${known?.startTime ?? ''}`, () =>
    api.getProcess({ pid: pid ?? 0 }),
  );
  const now = data.clock;

  useEffect(() => {
    if (pid === undefined) return;
    store.watchPid(pid);
    return () => store.unwatchPid(pid);
  }, [store, pid]);
  const history = pid === undefined ? null : data.historyOf(pid);

  const proc = detail.state === 'ok' ? detail.value.process : known;
  const actionTarget: Target | null = proc ? processTarget(proc) : entry ? rowTarget(entry.row, data) : null;
  const rowsOfPid =
    pid === undefined ? [] : data.rowsOfPid(pid).flatMap((id) => data.rows.get(id)?.row ?? []);
  const openable = entry
    ? entry.row.protocol === 'tcp' && entry.row.state === 'LISTEN'
      ? [entry.row]
      : []
    : httpCandidates(rowsOfPid);
  const title =
    proc?.name ??
    (entry ? formatEndpoint(entry.row.localAddress, entry.row.localPort, entry.row.family) : `pid ${pid}`);
  const gone = target.kind === 'row' && !entry;

  return (
    <aside className="panel" aria-label="Owner details" data-testid="owner-panel" data-pid={pid}>
      <header className="panel__header">
        <div className="panel__title">
          <h2 data-testid="panel-title">{title}</h2>
          <div className="panel__subtitle">
            {pid !== undefined && <span className="mono">pid {pid}</span>}
            {proc && <span>{proc.user}</span>}
            {entry && entry.row.pids.length > 1 && <span>shared by pids {entry.row.pids.join(', ')}</span>}
          </div>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close panel"
          title="Close (Esc)"
          onClick={onClose}
          data-testid="panel-close"
        >
          <Icon name="close" />
        </button>
      </header>

      <div className="panel__actions" role="toolbar" aria-label="Actions">
        <div className="panel__action-row">
          {openable.map((row) => (
            <button
              key={row.id}
              type="button"
              className="button button--small"
              onClick={() => actions.openInBrowser(row)}
              data-testid="open-browser"
            >
              <Icon name="external" size={14} /> Open :{row.localPort}
            </button>
          ))}
          <span className="spacer" />
          <button
            type="button"
            className="button button--small"
            disabled={!actionTarget}
            onClick={() => actionTarget && actions.restart(actionTarget)}
            data-testid="restart-button"
          >
            <Icon name="restart" size={14} /> Restart…
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={!actionTarget}
            onClick={() => actionTarget && actions.kill(actionTarget)}
            data-testid="kill-button"
          >
            <Icon name="power" size={14} /> Kill…
          </button>
        </div>
        <div className="panel__action-row">
          <span className="panel__action-label">Copy</span>
          {pid !== undefined && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => actions.copy(String(pid), 'pid')}
              data-testid="copy-pid"
            >
              <Icon name="copy" size={13} /> PID
            </button>
          )}
          {proc && proc.argv.length > 0 && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => actions.copy(formatCommand(proc.argv), 'command')}
              data-testid="copy-command"
            >
              <Icon name="copy" size={13} /> Command
            </button>
          )}
          {entry && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() =>
                actions.copy(
                  formatEndpoint(entry.row.localAddress, entry.row.localPort, entry.row.family),
                  'address',
                )
              }
              data-testid="copy-address"
            >
              <Icon name="copy" size={13} /> Address
            </button>
          )}
        </div>
      </div>

      <div className="panel__scroll">
        {gone && <p className="callout">This socket has closed.</p>}
        {entry && <SocketSummary entry={entry} now={now} />}

        {pid !== undefined && (
          <>
            <div className="tabs" role="tablist" aria-label="Process">
              {(['overview', 'sockets', 'logs'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`panel-tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls="panel-tabpanel"
                  className="tabs__tab"
                  onClick={() => setTab(name)}
                  data-testid={`tab-${name}`}
                >
                  {name === 'overview'
                    ? 'Process'
                    : name === 'sockets'
                      ? `Sockets (${rowsOfPid.length})`
                      : 'Logs'}
                </button>
              ))}
            </div>
            <div
              className="panel__tabpanel"
              role="tabpanel"
              id="panel-tabpanel"
              aria-labelledby={`panel-tab-${tab}`}
            >
              {tab === 'overview' && (
                <>
                  <TrafficChart history={history} revision={history?.revision ?? 0} />
                  {detail.state === 'loading' && <p className="dim">Reading process details…</p>}
                  {detail.state === 'error' && (
                    <div className="callout callout--warning" role="status">
                      {detail.error.code === 'not-found' ? 'This process has exited.' : detail.error.message}{' '}
                      <button type="button" className="link-button" onClick={reload}>
                        Retry
                      </button>
                    </div>
                  )}
                  {detail.state === 'ok' && (
                    <ProcessOverview detail={detail.value} now={now} onOpenProcess={onOpenProcess} />
                  )}
                </>
              )}
              {tab === 'sockets' && (
                <ProcessSockets
                  data={data}
                  pid={pid}
                  selectedRowId={target.kind === 'row' ? target.rowId : null}
                  onSelectRow={onSelectRow}
                />
              )}
              {tab === 'logs' && actionTarget && <LogsTab target={actionTarget} />}
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
