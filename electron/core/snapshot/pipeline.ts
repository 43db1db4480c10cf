/**
 * One poll: collect raw sockets, attach owners and rates, and produce a Snapshot. Keeps just
 * enough of the previous poll to keep ids, first-seen times and rates continuous, and to let
 * TIME_WAIT rows (inode 0, no owner in the kernel) keep the owner their connection had.
 */
import { sameItems } from '../../contract/same-items.js';
import type { ChangingField } from '../../contract/row-fields.js';
import { scopeOf } from '../collect/address.js';
import type { Collector, ProcessInfo, RawSocket, Snapshot, SocketRow } from '../model.js';
import { ownerOf, type OwnerAnswer, type RowOwner } from './owner-of.js';
import { PreviousRows } from './previous-rows.js';
import { rowId, rowKey, tupleKey } from './row-id.js';
import { rate } from './traffic.js';

/** Owners by inode, as one resolve call answers them. */
export interface OwnerAnswers {
  get(inode: number): OwnerAnswer;
}

/** What the pipeline needs from owner resolution (electron/core/owners OwnerResolver, OneShotOwners). */
export interface OwnerLookup {
  resolve(inodes: number[]): OwnerAnswers;
}

/** What the pipeline needs from the process cache (electron/core/owners ProcessCache). */
export interface ProcessLookup {
  /**
   * Reads ahead, once per poll, every owner pid the poll's `get` calls will ask for: where
   * reading is one tool call for many processes (ps on macOS), not a file per process.
   */
  prepare?(pids: ReadonlySet<number>): Promise<void>;
  /** What the last poll could not read (ps, lsof, a PowerShell query), carried by the snapshot's warnings. */
  readonly lastWarnings?: readonly string[];
  /** Called before a poll's `get` calls (which `prune` ends): one freshness check for all of them. */
  startPoll?(): void;
  get(pid: number): ProcessInfo | null;
  prune(livePids: Set<number>): void;
}

export interface PipelineDeps {
  collector: Collector;
  owners: OwnerLookup;
  processes: ProcessLookup;
  /** Standing warnings every snapshot carries (e.g. which fallback collector was taken). */
  warnings?: string[];
  now?: () => number;
  /**
   * Keep each poll's rows for the next one (ids, first-seen times, rates, TIME_WAIT owners);
   * default true. One-shot callers, which never poll twice, skip the cost.
   */
  history?: boolean;
  /** Whether we run as root (default: the process's euid is 0); see ownerOf. */
  elevated?: boolean;
}

/** The answers where the collector names the holders: none by inode. */
const NO_OWNERS: OwnerAnswers = { get: () => undefined };

/** Turns successive collections into successive snapshots. Not thread-safe; one per monitor. */
export class SnapshotPipeline {
  /** Last poll's rows by `rowKey`. */
  private previousRows = new PreviousRows();
  private previousTime = 0;
  /**
   * Last known owners by 5-tuple, so a connection's TIME_WAIT row keeps its owner, for sources
   * without cookies (a TIME_WAIT socket keeps its connection's cookie, so there the previous
   * row under the same key has them).
   */
  private ownersByTuple = new Map<string, number[]>();
  private seq = 0;
  private readonly now: () => number;
  /** Root sees every fd table it is allowed to: what it cannot read, more rights won't show. */
  private readonly elevated: boolean;

  constructor(private readonly deps: PipelineDeps) {
    this.now = deps.now ?? Date.now;
    this.elevated = deps.elevated ?? process.geteuid?.() === 0;
  }

  /** Collects once and returns the new snapshot. Throws CollectorError when collection fails. */
  async tick(): Promise<Snapshot> {
    const raw = await this.deps.collector.collect();
    const time = this.now();
    const elapsed = this.previousTime ? time - this.previousTime : 0;

    const inodes: number[] = [];
    for (const socket of raw) if (socket.inode !== 0) inodes.push(socket.inode);
    // A source that names holders itself (lsof) needs no fd-table search.
    const owners = this.deps.collector.ownersOf ? NO_OWNERS : this.deps.owners.resolve(inodes);

    const rows: SocketRow[] = new Array(raw.length);
    const previousRows = this.previousRows;
    const nextKeys: string[] = [];
    const nextOwnersByTuple = new Map<string, number[]>();
    const livePids = new Set<number>();
    const history = this.deps.history ?? true;
    let hiddenOwners = 0;
    let lastPids: readonly number[] | null = null;

    for (let i = 0; i < raw.length; i++) {
      const socket = raw[i] as RawSocket;
      const key = rowKey(socket);
      const before = previousRows.find(key);
      const { pids, reason } = this.ownersOf(socket, before, owners);
      if (reason === 'permission') hiddenOwners++;
      // Owner lists are shared between sockets of one owner: skip the Set for a repeat.
      if (pids.length && pids !== lastPids) {
        lastPids = pids;
        for (const pid of pids) livePids.add(pid);
      }
      if (history && pids.length && socket.cookie === null) nextOwnersByTuple.set(tupleKey(socket), pids);
      const sendRate = rate(before?.bytesSent, socket.bytesSent, elapsed);
      const receiveRate = rate(before?.bytesReceived, socket.bytesReceived, elapsed);
      // An unchanged socket keeps its row object: no garbage per idle row, and diffSnapshots
      // skips identical rows without comparing their fields. Every field that can change is
      // compared (UNCHANGED_COVERS says how); the others are fixed by the row's key.
      if (
        before &&
        before.state === socket.state &&
        before.localAddress === socket.localAddress &&
        before.localPort === socket.localPort &&
        before.remoteAddress === socket.remoteAddress &&
        before.remotePort === socket.remotePort &&
        before.ownerReason === reason &&
        before.inode === socket.inode &&
        before.uid === socket.uid &&
        before.bytesSent === socket.bytesSent &&
        before.bytesReceived === socket.bytesReceived &&
        before.sendRate === sendRate &&
        before.receiveRate === receiveRate &&
        before.v6Only === socket.v6Only &&
        sameItems(before.pids, pids)
      ) {
        rows[i] = before;
        nextKeys.push(key);
        continue;
      }
      // In the table's field order (one hidden class for every row); the compiler holds the
      // literal to every field.
      const row: SocketRow = {
        id: before?.id ?? rowId(socket),
        protocol: socket.protocol,
        family: socket.family,
        localAddress: socket.localAddress,
        localPort: socket.localPort,
        remoteAddress: socket.remoteAddress,
        remotePort: socket.remotePort,
        state: socket.state,
        pids,
        ownerReason: reason,
        inode: socket.inode,
        uid: socket.uid,
        scope: scopeOf(socket.localAddress),
        bytesSent: socket.bytesSent,
        bytesReceived: socket.bytesReceived,
        sendRate,
        receiveRate,
        firstSeen: before?.firstSeen ?? time,
        v6Only: socket.v6Only,
      };
      rows[i] = row;
      if (history) nextKeys.push(key);
    }

    const processes: Record<string, ProcessInfo> = {};
    await this.deps.processes.prepare?.(livePids);
    this.deps.processes.startPoll?.();
    for (const pid of livePids) {
      const info = this.deps.processes.get(pid);
      if (info) processes[pid] = info;
    }
    this.deps.processes.prune(livePids);

    const warnings = [
      ...(this.deps.warnings ?? []),
      ...(this.deps.collector.lastWarnings ?? []),
      ...(this.deps.processes.lastWarnings ?? []),
    ];
    // Without history no key was kept (and no row had a `before`): the next poll finds nothing.
    this.previousRows = history ? new PreviousRows(nextKeys, rows) : new PreviousRows();
    this.previousTime = time;
    this.ownersByTuple = nextOwnersByTuple;
    return { time, seq: this.seq++, source: this.deps.collector.source, sockets: rows, processes, hiddenOwners, warnings };
  }

  private ownersOf(
    socket: RawSocket,
    before: SocketRow | undefined,
    owners: OwnerAnswers,
  ): RowOwner {
    const held = this.deps.collector.ownersOf?.(socket);
    if (held === 'permission') return { pids: [], reason: this.elevated ? 'unreadable' : 'permission' };
    if (held !== undefined) return held.length ? { pids: [...held], reason: null } : { pids: [], reason: 'not-found' };
    if (socket.inode === 0) {
      // The kernel ties a TIME_WAIT socket to no file: it keeps the owner its connection had,
      // as history (`last-known`): never a process an action may target.
      if (before && before.pids.length) return { pids: before.pids, reason: 'last-known' };
      const known = socket.cookie === null ? this.ownersByTuple.get(tupleKey(socket)) : undefined;
      return known ? { pids: known, reason: 'last-known' } : { pids: [], reason: 'no-inode' };
    }
    return ownerOf(owners.get(socket.inode), this.elevated);
  }
}

/**
 * How the "unchanged" check in `tick` covers each field that can change: the compiler asks for
 * every such field of the table here, and pipeline.test.ts changes each collected field in turn
 * and expects it in the next row. A field left out would keep a stale row.
 */
const UNCHANGED_COVERS = {
  localAddress: 'compared',
  localPort: 'compared',
  remoteAddress: 'compared',
  remotePort: 'compared',
  state: 'compared',
  pids: 'compared item by item',
  ownerReason: 'compared',
  inode: 'compared',
  uid: 'compared',
  scope: 'follows localAddress',
  bytesSent: 'compared',
  bytesReceived: 'compared',
  sendRate: 'compared',
  receiveRate: 'compared',
  v6Only: 'compared',
} as const satisfies Record<ChangingField, string>;
void UNCHANGED_COVERS;
