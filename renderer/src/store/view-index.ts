/**
 * The table's view of the data: filtered, sorted, grouped. The sorted order is kept across
 * updates and repaired only for rows whose sort key may have changed (remove them, sort
 * them, merge back): O(n) per update instead of O(n log n). Without grouping, the filtered
 * rows are repaired the same way (a few rows added, dropped or re-filtered are spliced in
 * and out); grouping, or many changes at once, take one linear pass. Either is skipped when
 * an update cannot have changed the outcome.
 */
import type { SocketRow } from '@contract/model';
import type { RowPredicate } from '../filter/match-row';
import { isListening } from '../table/format';
import { fieldMask } from './patch-row';
import type { ChangeSet, RowEntry, SocketData } from './socket-data';
import { compareKeys, SORT_DEPENDS, sortKey, type SortKey, type SortSpec } from './sort-keys';

/** How rows are grouped. */
export type GroupBy = 'none' | 'process' | 'port';

/** A collapsible group header. */
export interface GroupItem {
  kind: 'group';
  /** Stable key: `p:<pid>`, `u:<reason>` (unknown owner) or `:<port>`. */
  key: string;
  label: string;
  detail: string;
  count: number;
  collapsed: boolean;
  pid: number | null;
  port: number | null;
  /** The group's rows passing the filter (collapsed or not), for its traffic totals. */
  ids: readonly string[];
}

/** A row of the view: a socket row id, or a group header. */
export type ViewItem = string | GroupItem;

/** What the view shows; recomputed by `ViewIndex.update`. */
export interface ViewSettings {
  sort: SortSpec;
  groupBy: GroupBy;
  /** Null: no filter. */
  predicate: RowPredicate | null;
  collapsed: ReadonlySet<string>;
}

interface SortRecord {
  id: string;
  entry: RowEntry;
  key: SortKey;
  /** In `items` (kept for the ungrouped view only). */
  shown: boolean;
}

/** What repairing the order did: nothing, a few splices (these records), or a rebuild. */
type Repair = { removed: SortRecord[]; moved: SortRecord[] } | 'unchanged' | 'rebuilt';

// Up to this many changed rows are spliced into the order one by one; more are merged.
const SPLICE_LIMIT = 64;

// Fields a filter (match-row.ts) or a group key reads; a change of another field cannot move a
// row in or out, and a field fixed for a row's life gets no bit.
const VIEW_FIELDS = fieldMask([
  'protocol',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'pids',
  'ownerReason',
  'uid',
]);

const REASON_LABEL: Record<string, string> = {
  permission: 'Owner hidden (permission)',
  unreadable: 'Owner not visible',
  'no-inode': 'No owner (no inode, e.g. TIME-WAIT)',
  'not-found': 'No owner found',
  'last-known': 'No owner now (the kernel holds it)',
};

/** Incrementally maintained view. */
export class ViewIndex {
  private order: SortRecord[] = [];
  private records = new Map<string, SortRecord>();
  private sort: SortSpec | null = null;
  private settings: ViewSettings | null = null;
  /** The rows and group headers to show, in order. */
  items: ViewItem[] = [];
  /** Rows passing the filter (before collapsing groups). */
  matched = 0;
  /** Rows in the store. */
  total = 0;
  private positions: Map<string, number> | null = null;
  private listening: ReadonlySet<number> = new Set();
  /** The records behind `items`, in the same order (ungrouped view only). */
  private shown: SortRecord[] = [];

  /** Brings the view up to date with `data` after `changes`, under `settings`. */
  update(data: SocketData, changes: ChangeSet, settings: ViewSettings): void {
    const sortChanged =
      this.sort === null ||
      this.sort.column !== settings.sort.column ||
      this.sort.desc !== settings.sort.desc;
    const repair: Repair =
      sortChanged || changes.reset
        ? this.rebuild(data, settings.sort)
        : this.repair(data, changes, settings.sort);
    const settingsChanged = this.settings !== settings;
    this.settings = settings;
    if (
      !settingsChanged &&
      settings.groupBy === 'none' &&
      repair !== 'rebuilt' &&
      this.patchItems(data, changes, settings, repair)
    )
      return;
    if (repair === 'unchanged' && !settingsChanged && !affectsView(changes)) return;
    this.layout(data, settings);
  }

  /** Rows passing the filter that are still open: closed rows fading out are not counted. */
  liveMatched(data: SocketData): number {
    const predicate = this.settings?.predicate ?? null;
    let closing = 0;
    for (const entry of data.closingEntries()) if (!predicate || predicate(entry.row, data)) closing++;
    return this.matched - closing;
  }

  /** The open rows passing the filter, in the view's sort order (what Export writes). */
  matchedRows(data: SocketData): SocketRow[] {
    const predicate = this.settings?.predicate ?? null;
    const rows: SocketRow[] = [];
    for (const { entry } of this.order)
      if (entry.closingAt === null && (!predicate || predicate(entry.row, data))) rows.push(entry.row);
    return rows;
  }

  /** Index of a row id in `items`, or -1 when it is filtered out, collapsed or unknown. */
  indexOf(id: string): number {
    if (!this.positions) {
      this.positions = new Map();
      this.items.forEach((item, index) => {
        if (typeof item === 'string') this.positions!.set(item, index);
      });
    }
    return this.positions.get(id) ?? -1;
  }

  /** The group key a row would fall under with this grouping (to expand it on reveal). */
  groupKeyOf(entry: RowEntry, groupBy: GroupBy): string | null {
    if (groupBy === 'none') return null;
    return groupBy === 'process' ? processGroupKey(entry) : `:${servicePort(entry, this.listening)}`;
  }

  private rebuild(data: SocketData, sort: SortSpec): 'rebuilt' {
    this.sort = sort;
    this.records = new Map();
    this.order = [];
    for (const [id, entry] of data.rows) {
      const record = { id, entry, key: sortKey(sort.column, entry.row, data), shown: false };
      this.records.set(id, record);
      this.order.push(record);
    }
    this.order.sort(comparator(sort.desc));
    return 'rebuilt';
  }

  /** Re-places only rows whose key may have changed; says what it did. */
  private repair(data: SocketData, changes: ChangeSet, sort: SortSpec): Repair {
    const depends = SORT_DEPENDS[sort.column];
    const dirty = new Set<string>(changes.added);
    if (depends.fields)
      for (const [id, fields] of changes.changed) if (fields & depends.fields) dirty.add(id);
    if (depends.processes)
      for (const pid of changes.processes) for (const id of data.rowsOfPid(pid)) dirty.add(id);
    const dropped = new Set(changes.dropped);
    if (!dirty.size && !dropped.size) return 'unchanged';
    if (dirty.size > this.order.length / 4) return this.rebuild(data, sort);

    const removed: SortRecord[] = [];
    for (const id of dropped) {
      const old = this.records.get(id);
      if (old) removed.push(old);
      this.records.delete(id);
    }
    const moved: SortRecord[] = [];
    for (const id of dirty) {
      const entry = data.rows.get(id);
      if (!entry) continue;
      const record = { id, entry, key: sortKey(sort.column, entry.row, data), shown: false };
      const old = this.records.get(id);
      // Same key, same place: leave it (keeps the common "a rate changed a little" case cheap).
      if (old && old.key === record.key && old.entry === entry) continue;
      if (old) removed.push(old);
      this.records.set(id, record);
      moved.push(record);
    }
    if (!moved.length && !removed.length) return 'unchanged';

    const cmp = comparator(sort.desc);
    moved.sort(cmp);
    if (moved.length + removed.length <= SPLICE_LIMIT && this.spliceIn(removed, moved, cmp))
      return { removed, moved };

    // Many changes: one filter pass and one merge.
    const gone = new Set(removed);
    const kept = this.order.filter((record) => !gone.has(record));
    const merged: SortRecord[] = new Array(kept.length + moved.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < moved.length)
      merged[k++] = cmp(kept[i]!, moved[j]!) <= 0 ? kept[i++]! : moved[j++]!;
    while (i < kept.length) merged[k++] = kept[i++]!;
    while (j < moved.length) merged[k++] = moved[j++]!;
    this.order = merged;
    return 'rebuilt';
  }

  /**
   * Few changes: binary-search each removed record out and each moved one in (each splice is
   * a memmove, far cheaper than rebuilding 20,000 entries). False if the order turned out
   * not to hold a removed record (then the caller rebuilds it).
   */
  private spliceIn(
    removed: SortRecord[],
    moved: SortRecord[],
    cmp: (a: SortRecord, b: SortRecord) => number,
  ): boolean {
    for (const record of removed) {
      const at = lowerBound(this.order, record, cmp);
      if (this.order[at] !== record) return false;
      this.order.splice(at, 1);
    }
    for (const record of moved) this.order.splice(lowerBound(this.order, record, cmp), 0, record);
    return true;
  }

  /**
   * Ungrouped, after a few splices of the order: the same splices on `items`, plus rows whose
   * filter outcome may have changed in place. False when there are too many (or the items
   * turn out not to hold a record they should): the caller lays everything out instead.
   */
  private patchItems(data: SocketData, changes: ChangeSet, settings: ViewSettings, repair: Repair): boolean {
    const removed = repair === 'unchanged' ? [] : repair === 'rebuilt' ? null : repair.removed;
    const moved = repair === 'unchanged' ? [] : repair === 'rebuilt' ? null : repair.moved;
    if (!removed || !moved) return false;
    const { predicate } = settings;
    const recheck = new Set<SortRecord>();
    if (predicate) {
      for (const [id, fields] of changes.changed) {
        const record = fields & VIEW_FIELDS ? this.records.get(id) : undefined;
        if (record) recheck.add(record);
      }
      for (const pid of changes.processes) {
        for (const id of data.rowsOfPid(pid)) {
          const record = this.records.get(id);
          if (record) recheck.add(record);
        }
      }
    }
    for (const record of moved) recheck.delete(record);
    if (removed.length + moved.length + recheck.size > SPLICE_LIMIT) return false;
    this.total = this.order.length;
    const hide = removed.filter((record) => record.shown);
    const show = moved.filter((record) => !predicate || predicate(record.entry.row, data));
    for (const record of recheck) {
      const passes = !predicate || predicate(record.entry.row, data);
      if (passes !== record.shown) (passes ? show : hide).push(record);
    }
    if (!hide.length && !show.length) return true;
    const cmp = comparator(settings.sort.desc);
    const shown = this.shown;
    const items = this.items.slice();
    for (const record of hide) {
      const at = lowerBound(shown, record, cmp);
      if (shown[at] !== record) return false;
      shown.splice(at, 1);
      items.splice(at, 1);
      record.shown = false;
    }
    for (const record of show) {
      const at = lowerBound(shown, record, cmp);
      shown.splice(at, 0, record);
      items.splice(at, 0, record.id);
      record.shown = true;
    }
    this.items = items;
    this.matched = shown.length;
    this.positions = null;
    return true;
  }

  /** Filter and group the sorted order into `items`. */
  private layout(data: SocketData, settings: ViewSettings): void {
    const { predicate, groupBy, collapsed } = settings;
    this.positions = null;
    this.total = this.order.length;
    if (groupBy === 'none') {
      const items: ViewItem[] = [];
      const shown: SortRecord[] = [];
      for (const record of this.order) {
        record.shown = !predicate || predicate(record.entry.row, data);
        if (!record.shown) continue;
        items.push(record.id);
        shown.push(record);
      }
      this.items = items;
      this.shown = shown;
      this.matched = items.length;
      return;
    }

    const listening = groupBy === 'port' ? listeningPorts(this.order) : null;
    if (listening) this.listening = listening;
    const groups = new Map<string, { item: GroupItem; ids: string[]; names: Set<string> }>();
    let matched = 0;
    for (const record of this.order) {
      const { row } = record.entry;
      if (predicate && !predicate(row, data)) continue;
      matched++;
      const port = listening ? servicePort(record.entry, listening) : null;
      const key = port === null ? processGroupKey(record.entry) : `:${port}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          item: groupItem(key, record.entry, port, data, collapsed.has(key)),
          ids: [],
          names: new Set(),
        };
        groups.set(key, group);
      }
      group.ids.push(record.id);
      if (port !== null && group.names.size < 3) {
        const name = row.pids[0] === undefined ? undefined : data.process(row.pids[0])?.name;
        if (name) group.names.add(name);
      }
    }
    const items: ViewItem[] = [];
    for (const { item, ids, names } of groups.values()) {
      // A port with one socket needs no header: the row says it all.
      if (item.port !== null && ids.length === 1) {
        items.push(...ids);
        continue;
      }
      item.count = ids.length;
      item.ids = ids;
      if (item.port !== null) item.detail = [...names].join(', ');
      items.push(item);
      if (!item.collapsed) for (const id of ids) items.push(id);
    }
    this.items = items;
    this.matched = matched;
  }
}

/** The first index whose record does not sort before `record`. */
function lowerBound(
  order: readonly SortRecord[],
  record: SortRecord,
  cmp: (a: SortRecord, b: SortRecord) => number,
): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cmp(order[mid]!, record) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function comparator(desc: boolean): (a: SortRecord, b: SortRecord) => number {
  return (a, b) => compareKeys(a.key, b.key, desc) || a.entry.ordinal - b.entry.ordinal;
}

function affectsView(changes: ChangeSet): boolean {
  if (changes.reset || changes.added.length || changes.dropped.length || changes.processes.size) return true;
  for (const fields of changes.changed.values()) if (fields & VIEW_FIELDS) return true;
  return false;
}

function processGroupKey(entry: RowEntry): string {
  const pid = entry.row.pids[0];
  return pid === undefined ? `u:${entry.row.ownerReason ?? 'not-found'}` : `p:${pid}`;
}

/** Local ports something listens on: connections to them group under the listener. */
function listeningPorts(order: readonly SortRecord[]): Set<number> {
  const ports = new Set<number>();
  for (const { entry } of order) if (isListening(entry.row)) ports.add(entry.row.localPort);
  return ports;
}

/**
 * The port a row is "about": its local port when something listens there (a server's own
 * sockets), else the remote port (a client's connection to a service), else its local port.
 */
function servicePort(entry: RowEntry, listening: ReadonlySet<number>): number {
  const { row } = entry;
  if (listening.has(row.localPort) || row.remotePort === null) return row.localPort;
  return row.remotePort;
}

function groupItem(
  key: string,
  entry: RowEntry,
  port: number | null,
  data: SocketData,
  collapsed: boolean,
): GroupItem {
  if (port !== null)
    return { kind: 'group', key, label: `:${port}`, detail: '', count: 0, collapsed, pid: null, port, ids: [] };
  const pid = entry.row.pids[0];
  if (pid === undefined) {
    const reason = entry.row.ownerReason ?? 'not-found';
    return {
      kind: 'group',
      key,
      label: REASON_LABEL[reason] ?? reason,
      detail: '',
      count: 0,
      collapsed,
      pid: null,
      port: null,
      ids: [],
    };
  }
  const proc = data.process(pid);
  return {
    kind: 'group',
    key,
    label: proc?.name ?? `pid ${pid}`,
    // Its process went before its sockets did (or could not be read): say so, not the pid twice.
    detail: proc ? `pid ${pid} · ${proc.user}` : 'exited',
    count: 0,
    collapsed,
    pid,
    port: null,
    ids: [],
  };
}
