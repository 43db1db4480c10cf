/** What the owner panel shows, worked out from its target and the live store. */
import { useEffect, useState } from 'react';
import type { ProcessDetail, Target } from '@contract/api';
import type { ProcessInfo, SocketRow } from '@contract/model';
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

/** What the panel last showed of its target, kept once it is gone (a closed row, an ended process). */
function useLastKnown<T>(key: string, value: T | undefined): T | undefined {
  const [last, setLast] = useState<{ key: string; value: T } | null>(null);
  // Kept during render (React's "state from props" pattern): it is there on the render it goes.
  if (value !== undefined && (last?.key !== key || last.value !== value)) setLast({ key, value });
  return value ?? (last?.key === key ? last.value : undefined);
}

/**
 * A process that left the live data while the backend still found it running may be on its way
 * out: a server closes its port a moment before it exits. Asked once, that answer would stand
 * for good (the panel offering Kill on a process that has ended), so it is asked again at each
 * update of the live data, without touching what the panel shows, until it has ended (its
 * details are then loaded again, which says so) or it comes back.
 */
function useExitCheck(pid: number | undefined, running: ProcessInfo | undefined, seq: number, reload: () => void) {
  const { api } = useServices();
  const [check] = useCall(pid === undefined || !running ? null : `pid:${pid}:exit-check:${seq}`, () =>
    api.getProcess({ pid: pid ?? 0 }),
  );
  const exited =
    running !== undefined &&
    ((check.state === 'error' && check.error.code === 'not-found') ||
      (check.state === 'ok' && check.value.process.startTime !== running.startTime));
  useEffect(() => {
    if (exited) reload();
  }, [exited, reload]);
}

/**
 * The process's details, kept after it ends; `ended` once the backend no longer finds it.
 * `seq` is the live data's update number (see useExitCheck).
 */
function useProcessDetail(key: string, pid: number | undefined, live: ProcessInfo | undefined, seq: number) {
  const { api } = useServices();
  // Asked again when the process leaves the live data: has it ended, or only closed its sockets?
  const liveKey = live ? String(live.startTime) : 'gone';
  const [detail, reload] = useCall(pid === undefined ? null : `pid:${pid}:${liveKey}`, () =>
    api.getProcess({ pid: pid ?? 0 }),
  );
  const value = detail.state === 'ok' ? detail.value : undefined;
  const last = useLastKnown<ProcessDetail>(key, value);
  const lastProc = useLastKnown<ProcessInfo>(key, value?.process ?? live);
  useExitCheck(pid, live === undefined ? value?.process : undefined, seq, reload);
  const ended =
    lastProc !== undefined &&
    ((detail.state === 'error' && detail.error.code === 'not-found') ||
      (value !== undefined && value.process.startTime !== lastProc.startTime));
  return {
    detail,
    reload,
    last: last?.process.startTime === lastProc?.startTime ? last : undefined,
    lastProc,
    ended,
  };
}

/** The row, its owner (live, then detailed once loaded) and what the panel can do with them. */
export function useOwner(target: PanelTarget) {
  const { store } = useServices();
  // Live: the panel shows the socket's state, its process's sockets and rates.
  useStoreVersion(store);
  const data = store.data;
  const key = target.kind === 'row' ? `row:${target.rowId}` : `pid:${target.pid}`;
  const entry = target.kind === 'row' ? data.rows.get(target.rowId) : undefined;
  const lastRow = useLastKnown(key, entry?.row);
  const pid = target.kind === 'process' ? target.pid : (entry?.row.pids[0] ?? lastRow?.pids[0]);
  const known = pid === undefined ? undefined : data.processes.get(pid);
  const { detail, reload, last, lastProc, ended } = useProcessDetail(key, pid, known, data.meta.seq);
  useWatchPid(pid);

  // An ended process stays on show, as it last was: the panel can start it again.
  const proc = ended ? lastProc : detail.state === 'ok' ? detail.value.process : (known ?? lastProc);
  // A row's panel acts on the row's live owner only (a TIME-WAIT row's last owner is history).
  const rowOwned = !entry || ownerState(entry.row) === 'live';
  const actionTarget: Target | null =
    ended || !rowOwned ? null : proc ? processTarget(proc) : entry ? rowTarget(entry.row, data) : null;
  const rowsOfPid =
    pid === undefined ? [] : data.rowsOfPid(pid).flatMap((id) => data.rows.get(id)?.row ?? []);
  const openable = entry
    ? entry.row.protocol === 'tcp' && entry.row.state === 'LISTEN'
      ? [entry.row]
      : []
    : httpCandidates(rowsOfPid);
  const row = entry?.row ?? lastRow;
  const title =
    proc?.name ??
    (row
      ? formatEndpoint(row.localAddress, row.localPort, row.family)
      : pid !== undefined
        ? `pid ${pid}`
        : 'Closed socket');
  return {
    data,
    entry,
    pid,
    proc,
    detail,
    lastDetail: last,
    ended,
    reload,
    actionTarget,
    rowsOfPid,
    openable,
    title,
  };
}

/** Everything useOwner works out. */
export type Owner = ReturnType<typeof useOwner>;
