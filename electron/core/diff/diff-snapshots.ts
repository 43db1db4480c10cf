/**
 * Snapshot × snapshot → Delta: rows added, removed and changed (only the fields that changed),
 * processes that appeared or went, and port events (a listening socket opened or closed).
 */
import { CHANGING_FIELDS, isListening } from '../../contract/row-fields.js';
import { sameItems } from '../../contract/same-items.js';
import type { Delta, PortEvent, ProcessInfo, Snapshot, SocketPatch, SocketRow } from '../model.js';

/**
 * The delta that turns `previous` into `next`. Rows are matched by id walking both lists in
 * step (a poll keeps the kernel's order while sockets stay, so at idle that is every row, with
 * no Map or Set built); at the first row out of step the rest is matched through a Map.
 */
export function diffSnapshots(previous: Snapshot, next: Snapshot): Delta {
  const added: SocketRow[] = [];
  const changed: SocketPatch[] = [];
  const events: PortEvent[] = [];
  const before = previous.sockets;
  const after = next.sockets;

  // In step: the same id at the same position.
  let i = 0;
  for (; i < after.length && i < before.length; i++) {
    const row = after[i] as SocketRow;
    const old = before[i] as SocketRow;
    if (old.id !== row.id) break;
    compareRows(old, row, previous, next, changed, events);
  }
  const removed: string[] = [];
  if (i < after.length || i < before.length) {
    // Out of step from `i` on: match the rest by id.
    const byId = new Map<string, SocketRow>();
    for (let j = i; j < before.length; j++) byId.set((before[j] as SocketRow).id, before[j] as SocketRow);
    const seen = new Set<string>();
    for (let j = i; j < after.length; j++) {
      const row = after[j] as SocketRow;
      seen.add(row.id);
      const old = byId.get(row.id);
      if (!old) {
        added.push(row);
        if (isListening(row)) events.push(portEvent('listen-opened', row, next.processes, next.time));
        continue;
      }
      compareRows(old, row, previous, next, changed, events);
    }
    for (let j = i; j < before.length; j++) {
      const row = before[j] as SocketRow;
      if (seen.has(row.id)) continue;
      removed.push(row.id);
      if (isListening(row)) events.push(portEvent('listen-closed', row, previous.processes, next.time));
    }
  }

  const processesUpserted: ProcessInfo[] = [];
  for (const [pid, info] of Object.entries(next.processes)) {
    const old = previous.processes[pid];
    if (!old || old.startTime !== info.startTime || !sameProcess(old, info)) processesUpserted.push(info);
  }
  const processesRemoved: number[] = [];
  for (const pid of Object.keys(previous.processes)) if (!(pid in next.processes)) processesRemoved.push(Number(pid));

  return {
    time: next.time,
    seq: next.seq,
    source: next.source,
    added,
    removed,
    changed,
    processesUpserted,
    processesRemoved,
    hiddenOwners: next.hiddenOwners,
    warnings: next.warnings,
    events,
  };
}

/** Adds the patch and port event (if any) between two versions of one row. */
function compareRows(
  old: SocketRow,
  row: SocketRow,
  previous: Snapshot,
  next: Snapshot,
  changed: SocketPatch[],
  events: PortEvent[],
): void {
  if (old === row) return; // the pipeline reuses an unchanged row's object
  const patch = patchBetween(old, row);
  if (patch) changed.push(patch);
  if (isListening(row) !== isListening(old)) {
    const type = isListening(row) ? 'listen-opened' : 'listen-closed';
    events.push(portEvent(type, row, type === 'listen-opened' ? next.processes : previous.processes, next.time));
  }
}

/**
 * Only the changed fields of a row, or null when nothing changed: every field the table says can
 * change (the others are fixed for a row's life). Runs only for rows the pipeline remade.
 */
function patchBetween(old: SocketRow, row: SocketRow): SocketPatch | null {
  let patch: SocketPatch | null = null;
  for (const field of CHANGING_FIELDS) {
    const a = old[field];
    const b = row[field];
    const same = Array.isArray(a) && Array.isArray(b) ? sameItems<unknown>(a, b) : a === b;
    if (same) continue;
    patch ??= { id: row.id };
    (patch as Record<string, unknown>)[field] = b;
  }
  return patch;
}

/** Process info rarely changes for one (pid, start time); argv and cwd can, name via prctl. */
function sameProcess(a: ProcessInfo, b: ProcessInfo): boolean {
  return (
    a.name === b.name &&
    a.cwd === b.cwd &&
    a.exe === b.exe &&
    a.user === b.user &&
    a.ppid === b.ppid &&
    sameItems(a.argv, b.argv) &&
    JSON.stringify(a.service) === JSON.stringify(b.service)
  );
}

function portEvent(
  type: PortEvent['type'],
  row: SocketRow,
  processes: Snapshot['processes'],
  time: number,
): PortEvent {
  const first = row.pids[0];
  return {
    type,
    time,
    rowId: row.id,
    protocol: row.protocol,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    scope: row.scope,
    v6Only: row.v6Only,
    pids: row.pids,
    process: first === undefined ? null : (processes[first] ?? null),
  };
}
