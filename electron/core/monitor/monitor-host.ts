/**
 * Runs the monitor — in a worker thread when given the bundled worker's path, in-process
 * otherwise — and keeps the current snapshot on this side by applying the deltas it receives,
 * so any number of subscribers can join late without asking the worker for a full snapshot.
 * That LiveSnapshot is the process's one copy of the data: the tray reads it too.
 */
import { Worker } from 'node:worker_threads';
import { Emitter, type Event } from '../../contract/events.js';
import { LiveSnapshot } from '../diff/live-snapshot.js';
import type { Snapshot, SnapshotSource } from '../model.js';
import type { MonitorCommand, MonitorMessage } from './messages.js';
import { startHistoryRecorder } from '../history/index.js';
import { Monitor } from './monitor.js';
import type { MonitorWorkerData } from './worker.js';

export interface MonitorHostOptions {
  /** dist/node/monitor-worker.mjs; null runs the monitor on this thread. */
  workerPath: string | null;
  intervalMs: number;
  prefer?: SnapshotSource;
  /**
   * Ticks that change nothing but the time are announced only this often (MonitorOptions);
   * default QUIET_HEARTBEAT_MS, null announces every tick.
   */
  quietHeartbeatMs?: number | null;
  /** Records port history in this data directory (core/history/); unset records nothing. */
  historyDataDir?: string | null;
}

/**
 * Default heartbeat: below the 6 s of silence after which a renderer probes its connection,
 * yet at 1 s polling three of four idle ticks wake nobody on this thread.
 */
export const QUIET_HEARTBEAT_MS = 4000;

/** The current snapshot read in place, without building one (do not modify its rows). */
export type SnapshotView = Pick<LiveSnapshot, 'seq' | 'rowCount' | 'currentRows' | 'process'>;

/** The host's live snapshot, for readers on this thread that need no stream of their own. */
export interface LiveSnapshotSource {
  /** The current snapshot, or null before the first one arrived. */
  view(): SnapshotView | null;
  /** Fires after each snapshot or delta has been applied. */
  readonly onDidChange: Event<SnapshotView>;
}

/** A running monitor seen from the thread that started it. */
export interface MonitorHandle extends LiveSnapshotSource {
  /** The latest snapshot, or null before the first one arrived. */
  current(): Snapshot | null;
  /** Resolves with the first snapshot. */
  ready(): Promise<Snapshot>;
  /**
   * Every message from now on: snapshot, delta (quiet ticks only as a heartbeat) and error;
   * tick-stats of every tick from an in-process monitor, of announced ticks from a worker.
   */
  readonly onMessage: Event<MonitorMessage>;
  setIntervalMs(intervalMs: number): void;
  /** Stops the monitor (and its worker); the events fire no more. */
  close(): Promise<void>;
}

const MAX_RESPAWNS = 5;

/** Starts a monitor. */
export function startMonitor(options: MonitorHostOptions): MonitorHandle {
  // One failing subscriber must not take the host (or the worker's message port) down.
  const messages = new Emitter<MonitorMessage>();
  const changes = new Emitter<SnapshotView>();
  let current: LiveSnapshot | null = null;
  let resolveReady: (snapshot: Snapshot) => void = () => {};
  const ready = new Promise<Snapshot>((resolve) => (resolveReady = resolve));

  const receive = (message: MonitorMessage): void => {
    if (message.type === 'snapshot') current = new LiveSnapshot(message.snapshot);
    else if (message.type === 'delta') {
      if (!current || message.delta.seq !== current.seq + 1) return; // cannot happen in order; ignore
      current.apply(message.delta);
    }
    if (message.type === 'snapshot') resolveReady(message.snapshot);
    messages.fire(message);
    if (current && (message.type === 'snapshot' || message.type === 'delta')) changes.fire(current);
  };

  const driver = options.workerPath ? workerDriver(options, options.workerPath, receive) : inProcessDriver(options, receive);
  return {
    current: () => current?.snapshot() ?? null,
    view: () => current,
    ready: () => ready,
    onMessage: messages.event,
    onDidChange: changes.event,
    setIntervalMs: driver.setIntervalMs,
    async close() {
      messages.dispose();
      changes.dispose();
      await driver.close();
    },
  };
}

function heartbeatOf(options: MonitorHostOptions): number | null {
  return options.quietHeartbeatMs === undefined ? QUIET_HEARTBEAT_MS : options.quietHeartbeatMs;
}

interface Driver {
  setIntervalMs(intervalMs: number): void;
  close(): Promise<void>;
}

/**
 * The monitor on this thread. The pipeline (and with it the native FFI module) loads only here,
 * so a process that uses the worker — Electron's main, the server — never loads it itself.
 */
function inProcessDriver(options: MonitorHostOptions, receive: (message: MonitorMessage) => void): Driver {
  let intervalMs = options.intervalMs;
  let stopped = false;
  const started = import('../snapshot/default-pipeline.js').then(({ createDefaultPipeline, MONITOR_OWNER_OPTIONS }) => {
    const { pipeline, close } = createDefaultPipeline({ owners: MONITOR_OWNER_OPTIONS, ...(options.prefer ? { prefer: options.prefer } : {}) });
    const heartbeat = heartbeatOf(options);
    const recorder = options.historyDataDir ? startHistoryRecorder(options.historyDataDir, (message) => receive({ type: 'error', message })) : null;
    const monitor = new Monitor(pipeline, intervalMs, {
      ...(heartbeat === null ? {} : { quietHeartbeatMs: heartbeat }),
      ...(recorder ? { observer: recorder.observe.bind(recorder) } : {}),
    });
    monitor.onMessage(receive);
    if (!stopped) monitor.start();
    return { monitor, close: () => (recorder?.close(), close()) };
  }).catch((error: unknown) => {
    receive({ type: 'error', message: `monitor could not start: ${(error as Error).message}` });
    return null;
  });
  return {
    setIntervalMs(ms) {
      intervalMs = ms;
      void started.then((running) => running?.monitor.setIntervalMs(ms));
    },
    async close() {
      stopped = true;
      const running = await started;
      running?.monitor.stop();
      running?.close();
    },
  };
}

function workerDriver(options: MonitorHostOptions, workerPath: string, receive: (message: MonitorMessage) => void): Driver {
  let intervalMs = options.intervalMs;
  let closing = false;
  let respawns = 0;
  let worker = spawn();

  function spawn(): Worker {
    const data: MonitorWorkerData = {
      intervalMs,
      prefer: options.prefer ?? null,
      quietHeartbeatMs: heartbeatOf(options),
      historyDataDir: options.historyDataDir ?? null,
    };
    const w = new Worker(workerPath, { workerData: data });
    w.on('message', (message: MonitorMessage) => {
      // A respawned worker starts over with a full snapshot; that resets the host's state.
      receive(message);
    });
    w.on('error', (error) => receive({ type: 'error', message: `monitor worker failed: ${error.message}` }));
    w.on('exit', (code) => {
      if (closing) return;
      receive({ type: 'error', message: `monitor worker exited with code ${code}` });
      if (respawns++ < MAX_RESPAWNS) setTimeout(() => !closing && (worker = spawn()), 1000).unref();
    });
    return w;
  }

  return {
    setIntervalMs(ms) {
      intervalMs = ms;
      worker.postMessage({ type: 'set-interval', intervalMs: ms } satisfies MonitorCommand);
    },
    async close() {
      closing = true;
      worker.postMessage({ type: 'stop' } satisfies MonitorCommand);
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([exited, timeout]);
      await worker.terminate();
    },
  };
}
