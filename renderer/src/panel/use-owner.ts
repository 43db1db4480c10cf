/** What the owner panel shows, worked out from its target and the live store. */
import { useEffect } from 'react';
import type { Target } from '@contract/api';
import type { SocketRow } from '@contract/model';
import { ownerState } from '@contract/row-fields';
import { processTarget, rowTarget } from '../actions/action-target';
import { useServices, useStoreVersion } from '../app/app-context';
import { formatEndpoint } from '../table/format';
import { useCall } from '../ui/use-call';

/** What the panel shows: a row (and its owner) or a process (from the parent chain). */
export type PanelTarget = { kind: 'row'; rowId: string } | { kind: 'process'; pid: number };

/** Listening TCP sockets worth an "Open in browser" button, one per port, at most three. */
function httpCandidates(rows: SocketRow[]): SocketRow[] {
  const byPort = new Map<number, SocketRow>();
  for (const row of rows)
    if (row.protocol === 'tcp' && row.state === 'LISTEN' && !byPort.has(row.localPort))
      byPort.set(row.localPort, row);
  return [...byPort.values()].sort((a, b) => a.localPort - b.localPort).slice(0, 3);
}

/** Keeps the store watching a pid's history while the panel shows it. */
function useWatchPid(pid: number | undefined) {
  const { store } = useServices();
  useEffect(() => {
    if (pid === undefined) return;
    store.watchPid(pid);
    return () => store.unwatchPid(pid);
  }, [store, pid]);
}

/** The row, its owner (live, then detailed once loaded) and what the panel can do with them. */
export function useOwner(target: PanelTarget) {
  const { api, store } = useServices();
  // Live: the panel shows the socket's state, its process's sockets and rates.
  useStoreVersion(store);
  const data = store.data;
  const entry = target.kind === 'row' ? data.rows.get(target.rowId) : undefined;
  const pid = target.kind === 'process' ? target.pid : entry?.row.pids[0];
  const known = pid === undefined ? undefined : data.process(pid);
  const [detail, reload] = useCall(pid === undefined ? null : `pid:${pid}:${known?.startTime ?? ''}`, () =>
    api.getProcess({ pid: pid ?? 0 }),
  );
  useWatchPid(pid);

  const proc = detail.state === 'ok' ? detail.value.process : known;
  // A row's panel acts on the row's live owner only (a TIME-WAIT row's last owner is history).
  const rowOwned = !entry || ownerState(entry.row) === 'live';
  const actionTarget: Target | null = !rowOwned ? null : proc ? processTarget(proc) : entry ? rowTarget(entry.row, data) : null;
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
  return { data, entry, pid, proc, detail, reload, actionTarget, rowsOfPid, openable, title };
}

/** Everything useOwner works out. */
export type Owner = ReturnType<typeof useOwner>;
