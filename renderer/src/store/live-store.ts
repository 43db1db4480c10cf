/**
 * The external store React reads with useSyncExternalStore. It subscribes to the API's
 * stream, queues messages and applies them once per animation frame (so a burst of deltas
 * costs one view update and one render), shows a big first snapshot's first part while its
 * other rows come, resyncs with getSnapshot when a seq is missing, drops closing rows after
 * their fade, and reports commit timings for the benchmark.
 */
import type {
  ContractError,
  PortLensApi,
  PortNotification,
  StreamMessage,
} from '@contract/api';
import { asSubscribe, Emitter, type Disposable } from '@contract/events';
import type { Delta, Snapshot, SocketRow } from '@contract/model';
import { PauseGate } from '../pause/pause-gate';
import { asConnectionAware, toConnectionState } from './connection-source';
import { ConnectionWatch, type ConnectionState } from './connection-watch';
import { recordCommit, recordFirstData, recordWhole } from './perf';
import { emptyChanges, mergeChanges, SocketData, type ChangeSet } from './socket-data';
import { ViewIndex, type ViewSettings } from './view-index';

/** A collector or transport error, folded with its repeats. */
export interface StoreError {
  id: number;
  error: ContractError;
  count: number;
  lastAt: number;
}

/** Everything the UI shows about the store besides the rows. */
export interface StoreStatus {
  /** `loading` until the first snapshot is applied. */
  phase: 'loading' | 'ready';
  connection: ConnectionState;
  /** True when the transport can say it reconnects by itself (web); Retry then reloads. */
  selfReconnecting: boolean;
  /** True while a missing delta is being repaired with a fresh snapshot. */
  resyncing: boolean;
  /**
   * Rows of the first snapshot still on their way: a big one comes in parts, and the rows
   * that came first show meanwhile. 0 once it is whole.
   */
  incoming: number;
  errors: readonly StoreError[];
}

/** One-off messages for the app: reveal a row, show a notification. */
export type StoreEvent =
  { type: 'reveal'; rowId: string } | { type: 'notify'; notification: PortNotification };

/** Runs `run` before the next paint; returns a cancel function. */
export type FrameScheduler = (run: () => void) => () => void;

/** The page's scheduler: an animation frame, or a short timer while the page is hidden (no frames come). */
export const animationFrame: FrameScheduler = (run) => {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    const timer = setTimeout(run, 250);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(run);
  return () => cancelAnimationFrame(frame);
};

const MAX_ERRORS = 5;
const MAX_BUFFERED_DELTAS = 120;

/** The store. One per window. */
export class LiveStore implements Disposable {
  readonly data = new SocketData();
  readonly view = new ViewIndex();
  /** Pause: holds the stream's data messages so the table stays still. */
  readonly pauseGate = new PauseGate();
  private version = 0;
  private status: StoreStatus;
  private readonly changed = new Emitter<void>();
  private readonly events = new Emitter<StoreEvent>();
  private reveals: string[] = [];
  /** A delta was applied since the last frame (the frame's commit is timed). */
  private deltaPending = false;
  private buffered: Delta[] = [];
  private pending: ChangeSet = emptyChanges();
  private cancelFrame: (() => void) | null = null;
  private sweepTimer: ReturnType<typeof setTimeout> | null = null;
  private sweepAt: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private commitStart: number | null = null;
  private firstDataPending = false;
  /** The first snapshot is applied, but the view has shown no row of it yet. */
  private awaitingFirstData = false;
  /** Whether the commit that shows all of the first snapshot is still to come, next, or past. */
  private wholeState: 'waiting' | 'pending' | 'recorded' = 'waiting';
  /** The first snapshot was applied to the data; the next frame shows it. */
  private loadedPending = false;
  private lastResyncAt = 0;
  /** The first snapshot, shown in part while its other rows come (`snapshot-rest`). */
  private partial: { seq: number; rest: number } | null = null;
  /** A later snapshot that comes in parts: kept aside, and applied once whole. */
  private assembling: { snapshot: Snapshot; sockets: SocketRow[]; rest: number } | null = null;
  private nextErrorId = 1;
  private readonly watch: ConnectionWatch | null = null;
  private stopConnection: (() => void) | null = null;
  private disconnectedAt: number | null = null;

  constructor(
    private readonly api: PortLensApi,
    private settings: ViewSettings,
    private readonly scheduleFrame: FrameScheduler = animationFrame,
  ) {
    const aware = asConnectionAware(api);
    this.status = {
      phase: 'loading',
      connection: aware ? toConnectionState(aware.connection()) : 'connected',
      selfReconnecting: aware !== null,
      resyncing: false,
      incoming: 0,
      errors: [],
    };
    if (!aware) {
      this.watch = new ConnectionWatch(
        async () => (await this.api.getSettings({})).ok,
        (connection, resubscribe) => {
          this.setConnection(connection);
          if (resubscribe) this.resubscribe();
        },
      );
    }
  }

  /** Starts the stream and the connection watch. */
  start(): void {
    this.resubscribe();
    const aware = asConnectionAware(this.api);
    // The web transport resubscribes by itself after a reconnect (a fresh snapshot follows).
    if (aware)
      this.stopConnection = aware.onConnectionChange((state) => this.setConnection(toConnectionState(state)));
    if (this.watch) {
      this.watch.start();
      void this.api.getSettings({}).then(
        (result) => {
          if (result.ok) this.watch?.setPollInterval(result.value.pollIntervalMs);
        },
        () => undefined,
      );
    }
  }

  /** Freezes the table: updates are held (and counted) until resume. */
  pause(): void {
    this.pauseGate.pause();
  }

  /** Applies everything held while paused, at once (in the next frame). */
  resume(): void {
    for (const message of this.pauseGate.resume()) this.receive(message);
  }

  /** Stops everything (tests, hot reload). */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopConnection?.();
    this.watch?.stop();
    this.cancelFrame?.();
    this.cancelFrame = null;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
  }

  /** useSyncExternalStore's subscribe. */
  readonly subscribe = asSubscribe(this.changed.event);

  /** Changes whenever rows or the view changed. */
  readonly getVersion = (): number => this.version;

  /** Changes (identity) whenever the status changed. */
  readonly getStatus = (): StoreStatus => this.status;

  /** Listens to reveal and notify messages. */
  readonly onEvent = asSubscribe(this.events.event);

  /** New filter, sort or grouping: the view is rebuilt at once (a user is waiting for it). */
  setSettings(settings: ViewSettings): void {
    if (settings === this.settings) return;
    this.settings = settings;
    this.view.update(this.data, emptyChanges(), settings);
    this.bump();
  }

  /** Applies what is queued for the next frame now (before the first render, so it shows in it). */
  flushNow(): void {
    if (!this.cancelFrame) return;
    this.cancelFrame();
    this.flush();
  }

  /** The table committed: closes the timing that the flush opened. */
  committed(): void {
    const now = performance.now();
    if (this.commitStart !== null) recordCommit(now - this.commitStart);
    this.commitStart = null;
    if (this.firstDataPending) {
      recordFirstData(now);
      this.firstDataPending = false;
    }
    if (this.wholeState === 'pending') {
      recordWhole(now);
      this.wholeState = 'recorded';
    }
  }

  /** Starts summing a pid's socket rates (the owner panel's chart); re-renders with it. */
  watchPid(pid: number): void {
    this.data.watchPid(pid);
    this.bump();
  }

  /** Stops summing a pid's rates. */
  unwatchPid(pid: number): void {
    this.data.unwatchPid(pid);
  }

  /** Forgets one error (its banner was dismissed). */
  dismissError(id: number): void {
    this.setStatus({ errors: this.status.errors.filter((entry) => entry.id !== id) });
  }

  /** The user's Retry: probes the connection and, if it answers, restarts the stream. */
  retry(): void {
    if (this.watch) this.watch.retry();
    else this.resubscribe();
  }

  /** Starts (or restarts) the stream; the first message of a new subscription is a snapshot. */
  private resubscribe(): void {
    this.unsubscribe?.();
    try {
      this.unsubscribe = this.api.subscribe((message) => this.receive(message));
    } catch (error) {
      this.unsubscribe = null;
      this.addError({
        code: 'internal',
        message: 'Could not subscribe to the monitor',
        detail: String(error),
      });
      this.setConnection('disconnected');
    }
  }

  private receive(message: StreamMessage): void {
    this.watch?.noteMessage();
    if (this.pauseGate.hold(message)) return;
    switch (message.type) {
      case 'snapshot':
        this.receiveSnapshot(message.snapshot, message.rest ?? 0);
        return;
      case 'snapshot-rest':
        this.receiveSnapshotRest(message.seq, message.sockets, message.rest);
        return;
      case 'delta':
        this.ingestDelta(message.delta);
        this.schedule();
        return;
      case 'reveal':
        // After the view update of the next frame, so the row it names is in the view.
        this.reveals.push(message.rowId);
        this.schedule();
        return;
      case 'notify':
        this.emit({ type: 'notify', notification: message.notification });
        return;
      case 'error':
        this.addError(message.error);
        return;
    }
  }

  private schedule(): void {
    if (this.cancelFrame) return;
    this.cancelFrame = this.scheduleFrame(() => this.flush());
  }

  /**
   * A snapshot, whole (`rest` 0) or the first part of one. The first snapshot shows at once
   * even in part: its other rows join it as they come. A later one (a resync, a reconnect)
   * replaces rows already on screen, so it waits until it is whole.
   */
  private receiveSnapshot(snapshot: Snapshot, rest: number): void {
    // A new snapshot replaces any other that was still coming.
    this.assembling = null;
    this.partial = null;
    if (rest > 0 && this.data.loaded) {
      this.assembling = { snapshot, sockets: [...snapshot.sockets], rest };
      return;
    }
    this.ingestSnapshot(snapshot, rest);
    this.schedule();
  }

  /** More rows of the snapshot that came in parts; rows of any other snapshot are stale. */
  private receiveSnapshotRest(seq: number, sockets: SocketRow[], rest: number): void {
    const assembling = this.assembling;
    if (assembling && assembling.snapshot.seq === seq) {
      for (const row of sockets) assembling.sockets.push(row);
      assembling.rest = rest;
      if (rest > 0) return;
      this.assembling = null;
      this.ingestSnapshot({ ...assembling.snapshot, sockets: assembling.sockets });
      this.schedule();
      return;
    }
    const partial = this.partial;
    if (!partial || partial.seq !== seq) return;
    mergeChanges(this.pending, this.data.addSnapshotRows(sockets));
    partial.rest = rest;
    if (rest === 0) {
      this.partial = null;
      this.applyFollowers(seq, Date.now());
    }
    this.setStatus({ incoming: rest }, false);
    this.schedule();
  }

  /**
   * Applies a snapshot to the data as soon as it arrives (the frame then only redoes the view
   * and renders). Deltas that arrived while resyncing and follow it still apply, once it is whole.
   */
  private ingestSnapshot(snapshot: Snapshot, rest = 0): void {
    // It replaces whatever snapshot was still being put together (a resync's comes whole).
    this.assembling = null;
    const now = Date.now();
    const wasLoaded = this.data.loaded;
    mergeChanges(this.pending, this.data.applySnapshot(snapshot, now));
    if (!wasLoaded) this.loadedPending = true;
    this.partial = rest > 0 ? { seq: snapshot.seq, rest } : null;
    if (this.status.incoming !== rest) this.setStatus({ incoming: rest }, false);
    if (!this.partial) this.applyFollowers(snapshot.seq, now);
  }

  /** Applies the buffered deltas that follow snapshot `seq`, now that it is whole. */
  private applyFollowers(seq: number, now: number): void {
    const followers = this.buffered.filter((delta) => delta.seq > seq);
    this.buffered = [];
    for (const delta of followers) this.ingestDelta(delta, now, false);
  }

  /**
   * Applies a delta to the data on arrival, off the frame that renders it: the frame's work
   * (and the commit time the benchmark reads) is then the view update and React's render.
   */
  private ingestDelta(delta: Delta, now = Date.now(), counts = true): void {
    if (this.applyDelta(delta, this.pending, now) && counts && !this.loadedPending)
      this.deltaPending = true;
  }

  private flush(): void {
    this.cancelFrame = null;
    const started = performance.now();
    const now = Date.now();
    const changes = this.pending;
    this.pending = emptyChanges();
    const reveals = this.reveals;
    this.reveals = [];

    const swept = this.data.sweep(now);
    mergeChanges(changes, swept.changes);
    this.scheduleSweep(swept.nextAt, now);

    this.view.update(this.data, changes, this.settings);
    if (this.loadedPending) {
      this.loadedPending = false;
      this.awaitingFirstData = true;
      this.setStatus({ phase: 'ready' }, false);
    }
    // First data: rows on screen, or the whole first snapshot (which may show none).
    if (this.awaitingFirstData && (this.view.items.length > 0 || !this.partial)) {
      this.awaitingFirstData = false;
      this.firstDataPending = true;
    }
    if (this.wholeState === 'waiting' && this.data.loaded && !this.partial) this.wholeState = 'pending';
    this.commitStart = this.deltaPending ? started : null;
    this.deltaPending = false;
    this.bump();
    for (const rowId of reveals) this.emit({ type: 'reveal', rowId });
  }

  /** Applies a delta if it is the next one; otherwise buffers it and resyncs. True if applied. */
  private applyDelta(delta: Delta, changes: ChangeSet, now: number): boolean {
    if (!this.data.loaded || this.status.resyncing || this.partial || this.assembling) {
      // Before the first snapshot (which the stream always sends first), during a resync, or
      // while a snapshot's rows are still coming: keep it for when the snapshot is whole.
      this.bufferDelta(delta);
      return false;
    }
    if (delta.seq <= this.data.meta.seq) return false; // a repeat of what we have
    if (delta.seq !== this.data.meta.seq + 1) {
      this.bufferDelta(delta);
      this.resync();
      return false;
    }
    mergeChanges(changes, this.data.applyDelta(delta, now));
    return true;
  }

  private bufferDelta(delta: Delta): void {
    this.buffered.push(delta);
    if (this.buffered.length > MAX_BUFFERED_DELTAS) this.buffered.shift();
  }

  /** Fetches a full snapshot to repair a gap; queued deltas after it are applied on arrival. */
  private resync(): void {
    if (this.status.resyncing) return;
    this.setStatus({ resyncing: true });
    // Back off when resyncs follow each other (a stream that keeps skipping).
    const wait = Math.max(0, this.lastResyncAt + 1000 - Date.now());
    setTimeout(() => {
      this.lastResyncAt = Date.now();
      this.api.getSnapshot({}).then(
        (result) => {
          this.setStatus({ resyncing: false });
          if (result.ok) {
            this.ingestSnapshot(result.value);
            this.schedule();
          } else {
            this.addError(result.error);
            this.resync();
          }
        },
        (error: unknown) => {
          this.setStatus({ resyncing: false });
          this.addError({ code: 'internal', message: 'Could not fetch a snapshot', detail: String(error) });
        },
      );
    }, wait);
  }

  private scheduleSweep(nextAt: number | null, now: number): void {
    // Re-arming a timer every frame costs more than the sweep: keep one that is already right.
    if (this.sweepTimer && nextAt === this.sweepAt) return;
    this.sweepAt = nextAt;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    if (nextAt === null) return;
    this.sweepTimer = setTimeout(
      () => {
        this.sweepTimer = null;
        this.schedule();
      },
      Math.max(16, nextAt - now + 5),
    );
  }

  private addError(error: ContractError): void {
    const same = this.status.errors.find(
      (entry) => entry.error.code === error.code && entry.error.message === error.message,
    );
    const errors = same
      ? this.status.errors.map((entry) =>
          entry === same ? { ...entry, error, count: entry.count + 1, lastAt: Date.now() } : entry,
        )
      : [...this.status.errors, { id: this.nextErrorId++, error, count: 1, lastAt: Date.now() }].slice(
          -MAX_ERRORS,
        );
    this.setStatus({ errors });
  }

  /** Connection changes; errors raised by the outage itself go away once it is over. */
  private setConnection(connection: ConnectionState): void {
    if (connection === this.status.connection) return;
    if (connection !== 'connected') {
      this.disconnectedAt ??= Date.now();
      this.setStatus({ connection });
      return;
    }
    const since = (this.disconnectedAt ?? Date.now()) - 1000;
    this.disconnectedAt = null;
    this.setStatus({ connection, errors: this.status.errors.filter((entry) => entry.lastAt < since) });
  }

  private setStatus(patch: Partial<StoreStatus>, notify = true): void {
    this.status = { ...this.status, ...patch };
    if (notify) this.notify();
  }

  private bump(): void {
    this.version++;
    this.notify();
  }

  private notify(): void {
    this.changed.fire();
  }

  private emit(event: StoreEvent): void {
    this.events.fire(event);
  }
}
