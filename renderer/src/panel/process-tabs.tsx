/** The owner panel's process tabs: overview (traffic, facts), its sockets, its logs. */
import type { KeyboardEvent } from 'react';
import { LogsTab } from './logs-tab';
import { ProcessOverview } from './process-overview';
import { ProcessSockets } from './process-sockets';
import { TrafficChart } from './traffic-chart';
import type { Owner, PanelTarget } from './use-owner';

/** The process tabs. */
export type Tab = 'overview' | 'sockets' | 'logs';

/** Props of ProcessTabs. */
export interface ProcessTabsProps {
  owner: Owner;
  pid: number;
  target: PanelTarget;
  /** The selected tab (kept by the panel, so it survives the owner going and coming back). */
  tab: Tab;
  setTab: (tab: Tab) => void;
  onOpenProcess: (pid: number) => void;
  onSelectRow: (rowId: string) => void;
}

/** The traffic chart, then the process's details (or why they are missing). */
function OverviewTab({
  owner,
  pid,
  onOpenProcess,
}: Pick<ProcessTabsProps, 'owner' | 'pid' | 'onOpenProcess'>) {
  const { data, detail, reload, ended, lastDetail } = owner;
  const history = data.historyOf(pid);
  if (ended)
    return (
      <>
        <p className="callout" role="status" data-testid="ended-note">
          This process has ended. Here is how it last ran.
        </p>
        {lastDetail && (
          <ProcessOverview detail={lastDetail} now={data.clock} ended onOpenProcess={onOpenProcess} />
        )}
      </>
    );
  return (
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
        <ProcessOverview detail={detail.value} now={data.clock} onOpenProcess={onOpenProcess} />
      )}
    </>
  );
}

const TABS = ['overview', 'sockets', 'logs'] as const;

/** The tab strip: one Tab stop; ←/→ (Home/End) move between tabs and select them. */
function TabList({
  tab,
  setTab,
  socketCount,
}: {
  tab: Tab;
  setTab: (tab: Tab) => void;
  socketCount: number;
}) {
  const label = (name: Tab) =>
    name === 'overview' ? 'Process' : name === 'sockets' ? `Sockets (${socketCount})` : 'Logs';
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setTab(TABS[next]!);
    event.currentTarget.querySelector<HTMLElement>(`#panel-tab-${TABS[next]}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Process" onKeyDown={onKeyDown}>
      {TABS.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`panel-tab-${name}`}
          aria-selected={tab === name}
          aria-controls="panel-tabpanel"
          tabIndex={tab === name ? 0 : -1}
          className="tabs__tab"
          onClick={() => setTab(name)}
          data-testid={`tab-${name}`}
        >
          {label(name)}
        </button>
      ))}
    </div>
  );
}

/** The tabs and the selected tab's content. */
export function ProcessTabs(props: ProcessTabsProps) {
  const { owner, pid, target, tab, setTab } = props;
  return (
    <>
      <TabList tab={tab} setTab={setTab} socketCount={owner.rowsOfPid.length} />
      <div
        className="panel__tabpanel"
        role="tabpanel"
        id="panel-tabpanel"
        aria-labelledby={`panel-tab-${tab}`}
      >
        {tab === 'overview' && <OverviewTab owner={owner} pid={pid} onOpenProcess={props.onOpenProcess} />}
        {tab === 'sockets' && (
          <ProcessSockets
            data={owner.data}
            pid={pid}
            selectedRowId={target.kind === 'row' ? target.rowId : null}
            onSelectRow={props.onSelectRow}
          />
        )}
        {tab === 'logs' && owner.actionTarget && <LogsTab target={owner.actionTarget} />}
      </div>
    </>
  );
}
