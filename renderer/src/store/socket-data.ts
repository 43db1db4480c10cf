/**
 * The renderer's copy of the monitor's state: rows by id, processes by pid, and what the
 * table needs beyond the contract (arrival order, new/closing marks, short rate histories).
 * Applying a delta touches only the rows it names, plus one pass to sample rate histories.
 * Plain TypeScript, no DOM: tested under Node.
 */
import type {
  Delta,
  ProcessInfo,
  Snapshot,
  SnapshotSource,
  SocketRow,
} from '@contract/model';
import { isListening } from '@contract/row-fields';
import type { OwnerLookup } from '../filter/match-row';
import { ALL_FIELDS, patchRow } from './patch-row';
import { RateHistory } from './rate-history';
import { RateTrack } from './rate-track';

export { ALL_FIELDS, FIELD_BITS } from './patch-row';

/** How long a removed row stays visible (fading out) before it is dropped. */
export const CLOSING_MS = 3000;
/** How long an added row is marked new (flashes). */
export const NEW_MS = 2500;
/** Samples kept per row for its sparkline (one per poll). */
export const ROW_HISTORY = 30;
/** Samples kept per watched process for the owner panel's chart. */
export const PROCESS_HISTORY = 60;

/** One row with the renderer's bookkeeping. Mutable; `row` is replaced when it changes. */
export interface RowEntry {
  row: SocketRow;
  /** Arrival order; breaks sort ties so the order of equal rows never jumps. */
  readonly ordinal: number;
  /** When a delta added it (ms, the store's clock); null for rows of the first snapshot. */
  addedAt: number | null;
  /** When a delta removed it; the row lingers until `closingAt + CLOSING_MS`. */
  closingAt: number | null;
  /**
   * Recent rates, from the first poll with traffic on (an idle row costs nothing: most of
   * 20,000 loopback sockets never carry a byte). Null: no traffic seen yet.
   */
  history: RateTrack | null;
}

/** What one update changed, for the view index to redo only what it must. */
export interface ChangeSet {
  /** Everything may have changed (a snapshot replaced the data). */
  reset: boolean;
  added: string[];
  /** Rows gone for good (not merely closing). */
  dropped: string[];
  /** Changed rows and, per row, the fields that changed (FIELD_BITS mask). */
  changed: Map<string, number>;
  /** Pids whose process info appeared, changed or went. */
  processes: Set<number>;
}

/** An empty change set. */
export function emptyChanges(): ChangeSet {
  return { reset: false, added: [], dropped: [], changed: new Map(), processes: new Set() };
}

/** Merges `next` into `into` (several updates in one frame). */
export function mergeChanges(into: ChangeSet, next: ChangeSet): ChangeSet {
  into.reset ||= next.reset;
  // The usual frame holds one update: adopt its collections instead of copying them.
  if (!into.added.length) into.added = next.added;
  else for (const id of next.added) into.added.push(id);
  if (!into.dropped.length) into.dropped = next.dropped;
  else for (const id of next.dropped) into.dropped.push(id);
  if (!into.changed.size) into.changed = next.changed;
  else for (const [id, fields] of next.changed) into.changed.set(id, (into.changed.get(id) ?? 0) | fields);
  if (!into.processes.size) into.processes = next.processes;
  else for (const pid of next.processes) into.processes.add(pid);
  return into;
}

/** Live (not closing) rows by kind, kept up to date on every change. */
export interface RowCounts {
  tcp: number;
  udp: number;
  listening: number;
  closing: number;
}

/** Header facts of the latest update. */
export interface DataMeta {
  seq: number;
  time: number;
  source: SnapshotSource | null;
  hiddenOwners: number;
  warnings: string[];
}

/** The store's data. Methods take `now` so tests control time. */
export class SocketData implements OwnerLookup {
  readonly rows = new Map<string, RowEntry>();
  readonly processes = new Map<number, ProcessInfo>();
  /** Processes that went away, kept while rows that name them are still closing. */
  private readonly retired = new Map<number, { info: ProcessInfo; at: number }>();
  private readonly users = new Map<number, string>([[0, 'root']]);
  private readonly byPid = new Map<number, Set<string>>();
  private readonly watched = new Map<number, RateHistory>();
  private nextOrdinal = 0;
  /** Rows fading out, so a sweep does not walk every row. */
  private readonly closing = new Map<string, RowEntry>();
  meta: DataMeta = { seq: -1, time: 0, source: null, hiddenOwners: 0, warnings: [] };
  /** Counts for the status bar, maintained incrementally (never a pass over all rows). */
  readonly counts: RowCounts = { tcp: 0, udp: 0, listening: 0, closing: 0 };
  /** False until the first snapshot. */
  loaded = false;
  /**
   * The store's clock at the last update (ms). Views compute ages and fades from it rather
   * than reading the clock while rendering, so a render is a pure function of the data.
   */
  clock = 0;
  /** Polls applied so far (snapshots and deltas): the time axis of rate tracks. */
  tick = 0;
  /**
   * When PortLens started watching, as far as the data shows: the earliest `firstSeen` of any row
   * (rows there at the monitor's first poll carry its time). A row first seen then opened before
   * PortLens started, at an unknown time: its age is a lower bound. Null before the first snapshot.
   */
  watchingSince: number | null = null;

  /** Replaces everything with a snapshot. After the first one, differences show as new/closing rows. */
  applySnapshot(snapshot: Snapshot, now: number): ChangeSet {
    this.clock = now;
    this.tick++;
    const changes = emptyChanges();
    changes.reset = true;
    // From this snapshot's rows alone: a new server (a reconnect) started watching anew.
    this.watchingSince = null;
    this.noteFirstSeen(snapshot.sockets);
    if (!this.rows.size) {
      // Nothing to compare with (the first snapshot): every row is simply added, unmarked.
      const first = !this.loaded;
      for (const row of snapshot.sockets) this.addRow(row, first ? null : now);
      // `reset` tells the view to rebuild; the ids are listed for other readers of `added`.
      changes.added = snapshot.sockets.map((row) => row.id);
    } else {
      const seen = new Set<string>();
      for (const row of snapshot.sockets) {
        seen.add(row.id);
        const entry = this.rows.get(row.id);
        if (entry) {
          if (entry.closingAt !== null) this.reopen(entry);
          this.replaceRow(entry, row);
        } else {
          this.addRow(row, now);
          changes.added.push(row.id);
        }
      }
      for (const [id, entry] of this.rows)
        if (!seen.has(id) && entry.closingAt === null) this.close(entry, now);
    }

    const pids = new Set(Object.values(snapshot.processes).map((info) => info.pid));
    for (const pid of this.processes.keys()) if (!pids.has(pid)) this.retireProcess(pid, now);
    for (const info of Object.values(snapshot.processes)) this.upsertProcess(info);

    this.meta = {
      seq: snapshot.seq,
      time: snapshot.time,
      source: snapshot.source,
      hiddenOwners: snapshot.hiddenOwners,
      warnings: snapshot.warnings,
    };
    this.loaded = true;
    this.sample();
    return changes;
  }

  /**
   * Adds more rows of the first snapshot, which came in parts (see the contract's
   * `snapshot-rest`): like the first part's rows they are not marked new.
   */
  addSnapshotRows(rows: readonly SocketRow[]): ChangeSet {
    const changes = emptyChanges();
    this.noteFirstSeen(rows);
    for (const row of rows) {
      const entry = this.rows.get(row.id);
      if (entry) this.replaceRow(entry, row);
      else {
        this.addRow(row, null);
        changes.added.push(row.id);
      }
    }
    return changes;
  }

  /** Applies the delta that follows the current seq. The caller checks `delta.seq`. */
  applyDelta(delta: Delta, now: number): ChangeSet {
    this.clock = now;
    this.tick++;
    const changes = emptyChanges();
    for (const pid of delta.processesRemoved) {
      this.retireProcess(pid, now);
      changes.processes.add(pid);
    }
    for (const info of delta.processesUpserted) {
      this.upsertProcess(info);
      changes.processes.add(info.pid);
    }
    for (const id of delta.removed) {
      const entry = this.rows.get(id);
      if (entry && entry.closingAt === null) this.close(entry, now);
    }
    for (const row of delta.added) {
      const entry = this.rows.get(row.id);
      if (entry) {
        // Re-added while still fading out: it is the same socket again.
        if (entry.closingAt !== null) this.reopen(entry);
        this.replaceRow(entry, row);
        changes.changed.set(row.id, ALL_FIELDS);
      } else {
        this.addRow(row, now);
        changes.added.push(row.id);
      }
    }
    for (const patch of delta.changed) {
      const entry = this.rows.get(patch.id);
      if (!entry) continue; // a patch for a row we never had: the next resync fixes it
      const { row, mask } = patchRow(entry.row, patch);
      this.replaceRow(entry, row);
      changes.changed.set(patch.id, mask);
    }
    this.meta = {
      seq: delta.seq,
      time: delta.time,
      source: delta.source,
      hiddenOwners: delta.hiddenOwners,
      warnings: delta.warnings,
    };
    this.sample();
    return changes;
  }

  /** Drops rows whose closing time is over; returns what changed and when to sweep next. */
  sweep(now: number): { changes: ChangeSet; nextAt: number | null } {
    this.clock = now;
    const changes = emptyChanges();
    let nextAt: number | null = null;
    for (const [id, entry] of this.closing) {
      const due = (entry.closingAt ?? now) + CLOSING_MS;
      if (due <= now) {
        this.dropRow(entry);
        changes.dropped.push(id);
      } else nextAt = nextAt === null ? due : Math.min(nextAt, due);
    }
    for (const [pid, { at }] of this.retired) {
      // A row still naming the pid (a TIME-WAIT row's last owner) keeps its name: `unindexPids` drops it later.
      if (at + CLOSING_MS <= now) {
        if (!this.byPid.has(pid)) this.retired.delete(pid);
      } else nextAt = nextAt === null ? at + CLOSING_MS : Math.min(nextAt, at + CLOSING_MS);
    }
    return { changes, nextAt };
  }

  /** True when a row opened before PortLens started watching (its age is a lower bound). */
  openedBefore(row: SocketRow): boolean {
    return this.watchingSince !== null && row.firstSeen <= this.watchingSince;
  }

  private noteFirstSeen(rows: readonly SocketRow[]): void {
    for (const row of rows)
      if (this.watchingSince === null || row.firstSeen < this.watchingSince) this.watchingSince = row.firstSeen;
  }

  /** The rows fading out (closed, still shown for a moment). */
  closingEntries(): IterableIterator<RowEntry> {
    return this.closing.values();
  }

  /** True while some row is still fading out. */
  get hasClosing(): boolean {
    return this.closing.size > 0;
  }

  /** Whether the process with this pid runs now (not one that went away). */
  isRunning(pid: number): boolean {
    return this.processes.has(pid);
  }

  /** The process with this pid, including one that just went away. */
  process(pid: number): ProcessInfo | undefined {
    return this.processes.get(pid) ?? this.retired.get(pid)?.info;
  }

  /** A user name for a uid, learnt from any process seen with it. */
  userName(uid: number): string | undefined {
    return this.users.get(uid);
  }

  /** Ids of the rows this pid owns (including closing ones). */
  rowsOfPid(pid: number): string[] {
    return [...(this.byPid.get(pid) ?? [])];
  }

  /**
   * Starts summing this pid's socket rates on every update, seeded from its rows' own
   * histories so the chart is not empty when it opens. Returns the history.
   */
  watchPid(pid: number): RateHistory {
    const existing = this.watched.get(pid);
    if (existing) return existing;
    const history = new RateHistory(PROCESS_HISTORY);
    const rowSeries = this.rowsOfPid(pid)
      .map((id) => this.rows.get(id)?.history?.series())
      .filter((series) => series !== undefined);
    const length = Math.max(0, ...rowSeries.map((series) => series.send.length));
    // Row histories end at the same instant (now); align them at the end.
    for (let i = 0; i < length; i++) {
      let send = 0;
      let receive = 0;
      for (const series of rowSeries) {
        const at = series.send.length - length + i;
        if (at >= 0) {
          send += series.send[at]!;
          receive += series.receive[at]!;
        }
      }
      history.push(send, receive);
    }
    this.watched.set(pid, history);
    return history;
  }

  /** The history of a watched pid, or null. */
  historyOf(pid: number): RateHistory | null {
    return this.watched.get(pid) ?? null;
  }

  /** Stops summing a pid's rates. */
  unwatchPid(pid: number): void {
    this.watched.delete(pid);
  }

  private addRow(row: SocketRow, addedAt: number | null): void {
    const entry: RowEntry = { row, ordinal: this.nextOrdinal++, addedAt, closingAt: null, history: null };
    this.rows.set(row.id, entry);
    this.indexPids(row.id, row.pids);
    this.count(row, 1);
    this.track(entry, row);
  }

  private replaceRow(entry: RowEntry, row: SocketRow): void {
    if (entry.row.pids !== row.pids) {
      this.unindexPids(row.id, entry.row.pids);
      this.indexPids(row.id, row.pids);
    }
    if (entry.closingAt === null && (entry.row.state !== row.state || entry.row.protocol !== row.protocol)) {
      this.count(entry.row, -1);
      this.count(row, 1);
    }
    const ratesChanged = entry.row.sendRate !== row.sendRate || entry.row.receiveRate !== row.receiveRate;
    entry.row = row;
    if (ratesChanged) this.track(entry, row);
  }

  private close(entry: RowEntry, now: number): void {
    entry.closingAt = now;
    // A closed socket carries nothing: its sparkline drops to zero while it fades.
    entry.history?.record(this.tick, 0, 0);
    this.closing.set(entry.row.id, entry);
    this.count(entry.row, -1);
    this.counts.closing++;
  }

  private reopen(entry: RowEntry): void {
    entry.closingAt = null;
    this.closing.delete(entry.row.id);
    this.counts.closing--;
    this.count(entry.row, 1);
  }

  private dropRow(entry: RowEntry): void {
    if (entry.closingAt !== null) this.counts.closing--;
    else this.count(entry.row, -1);
    this.closing.delete(entry.row.id);
    this.rows.delete(entry.row.id);
    this.unindexPids(entry.row.id, entry.row.pids);
  }

  /** Records a row's rates at this poll; a track starts with the first traffic. */
  private track(entry: RowEntry, row: SocketRow): void {
    const send = row.sendRate ?? 0;
    const receive = row.receiveRate ?? 0;
    if (!entry.history) {
      if (send === 0 && receive === 0) return;
      entry.history = new RateTrack(ROW_HISTORY, this);
    }
    entry.history.record(this.tick, send, receive);
  }

  private count(row: SocketRow, sign: 1 | -1): void {
    if (row.protocol === 'tcp') this.counts.tcp += sign;
    else this.counts.udp += sign;
    if (isListening(row)) this.counts.listening += sign;
  }

  private indexPids(id: string, pids: readonly number[]): void {
    for (const pid of pids) {
      let ids = this.byPid.get(pid);
      if (!ids) this.byPid.set(pid, (ids = new Set()));
      ids.add(id);
    }
  }

  private unindexPids(id: string, pids: readonly number[]): void {
    for (const pid of pids) {
      const ids = this.byPid.get(pid);
      ids?.delete(id);
      if (ids?.size === 0) {
        this.byPid.delete(pid);
        const retired = this.retired.get(pid);
        if (retired && retired.at + CLOSING_MS <= this.clock) this.retired.delete(pid);
      }
    }
  }

  private upsertProcess(info: ProcessInfo): void {
    this.processes.set(info.pid, info);
    this.retired.delete(info.pid);
    if (info.uid !== null) this.users.set(info.uid, info.user);
  }

  private retireProcess(pid: number, now: number): void {
    const info = this.processes.get(pid);
    if (!info) return;
    this.processes.delete(pid);
    this.retired.set(pid, { info, at: now });
  }

  /** One rate sample per watched process (rows record their own rates as they change). */
  private sample(): void {
    for (const [pid, history] of this.watched) {
      let send = 0;
      let receive = 0;
      for (const id of this.byPid.get(pid) ?? []) {
        const entry = this.rows.get(id);
        if (!entry || entry.closingAt !== null) continue;
        send += entry.row.sendRate ?? 0;
        receive += entry.row.receiveRate ?? 0;
      }
      history.push(send, receive);
    }
  }
}
