/**
 * The real Backend: a monitor (worker thread), settings on disk, notification rules, process
 * details and the actions, behind the contract's calls and stream.
 */
import { existsSync } from 'node:fs';
import type { CallName, CallRequest, CallResponse, Result, StreamMessage } from '../../contract/api.js';
import { DisposableStore, Emitter } from '../../contract/events.js';
import { contractError } from '../../contract/validate.js';
import { startMonitor, type LiveSnapshotSource, type MonitorHandle } from '../monitor/monitor-host.js';
import type { MonitorMessage } from '../monitor/messages.js';
import { closeConnectionCalls } from '../close/close-calls.js';
import { historyUpkeep } from '../history/history-upkeep.js';
import { metricsInputOf, renderPortMetrics } from '../metrics/index.js';
import { AddressNames } from '../names/address-names.js';
import { serviceName } from '../names/services.js';
import { NotificationBatcher } from '../notify/index.js';
import type { Snapshot } from '../model.js';
import { ensurePrivateDir, PrivateFileError } from '../private-files.js';
import type { DefaultPipeline } from '../snapshot/default-pipeline.js';
import type { Backend, BackendOptions } from './backend.js';
import { LaunchMemory } from '../actions/index.js';
import { createProcessReader } from '../actions/platform-process-reader.js';
import { runAction, type ActionName } from './action-calls.js';
import { auditCall, diagnoseCall, explainCall, idleCall, trackActivity } from './diagnose-calls.js';
import { processDetail } from './process-detail.js';
import { SettingsStore } from './settings-store.js';

/**
 * The Backend of this process, plus the monitor's live snapshot for the shell's own views (the
 * tray reads it in place rather than keeping a copy from the stream).
 */
export interface LocalBackend extends Backend {
  readonly live: LiveSnapshotSource;
}

/** Starts the monitor and returns the Backend over it. */
export async function createBackend(options: BackendOptions): Promise<LocalBackend> {
  const settings = new SettingsStore(options.dataDir);
  const monitor: MonitorHandle = startMonitor({
    workerPath: options.workerPath,
    intervalMs: options.pollIntervalMs ?? settings.get().pollIntervalMs,
    historyDataDir: options.recordHistory === false ? null : options.dataDir,
  });
  const history = historyUpkeep(options.dataDir, () => settings.get());
  const closeCalls = closeConnectionCalls(options.dataDir);
  const names = new AddressNames();
  // One bad listener (a closed socket, a destroyed window) must not stop the others.
  const stream = new Emitter<StreamMessage>();
  const owned = new DisposableStore();
  owned.add(stream);
  let lastError: string | null = null;
  let lastPollMs: number | null = null;
  // Actions check ports many times (is it free yet? listening again?): they get fresh snapshots
  // from one pipeline of their own, whose owner cache stays warm between checks. Created on
  // first use, so a backend nobody acts through never loads the collector on this thread.
  let actionPipeline: Promise<DefaultPipeline> | null = null;
  const actionSnapshot = async (): Promise<Snapshot> => {
    actionPipeline ??= import('../snapshot/default-pipeline.js')
      .then(({ createDefaultPipeline }) => createDefaultPipeline())
      .catch((error: unknown) => {
        actionPipeline = null; // the next action tries again
        throw error;
      });
    return (await actionPipeline).pipeline.tick();
  };
  const standingWarnings = [settings.loadWarning, privateDataDirWarning(options.dataDir)].filter(
    (warning): warning is string => warning !== null,
  );

  const broadcast = (message: StreamMessage): void => stream.fire(message);
  const activity = trackActivity(options.dataDir);
  owned.add(activity);
  // Opened ports are held until they have lived a moment and told once per process (see notify/).
  const notifications = owned.add(new NotificationBatcher((notification) => broadcast({ type: 'notify', notification })));
  const forwarding = monitor.onMessage((message: MonitorMessage) => {
    activity.observe(message);
    if (message.type === 'snapshot') {
      broadcast({ type: 'snapshot', snapshot: withWarnings(message.snapshot, standingWarnings) });
    } else if (message.type === 'delta') {
      broadcast({ type: 'delta', delta: { ...message.delta, warnings: [...message.delta.warnings, ...standingWarnings] } });
      notifications.accept(message.delta.events, settings.get().notifications);
    } else if (message.type === 'tick-stats') {
      lastPollMs = message.durationMs;
    } else if (message.type === 'error') {
      lastError = message.message;
      broadcast({ type: 'error', error: contractError('failed', message.message) });
    }
  });
  owned.add(forwarding);

  // How to start ended processes again, read while they ran (see actions/start-again.ts).
  const launches = new LaunchMemory();
  const procReader = createProcessReader();
  const action = <N extends ActionName>(name: N, request: CallRequest<N>) =>
    runAction(name, request, options.dataDir, settings.get(), actionSnapshot, launches);

  const handlers: { [N in CallName]: (request: CallRequest<N>) => Promise<Result<CallResponse<N>>> } = {
    async getSnapshot() {
      const snapshot = monitor.current() ?? (await firstSnapshot(monitor, FIRST_SNAPSHOT_TIMEOUT_MS));
      if (!snapshot) return fail('failed', `no snapshot yet${lastError ? `: ${lastError}` : ''}; the monitor is not delivering`);
      return ok(withWarnings(snapshot, standingWarnings));
    },
    async getProcess({ pid }) {
      const detail = processDetail(pid, monitor.current(), procReader);
      // A process the panel shows can be started again once it ends (its environment is read now).
      if (detail) launches.remember([detail.process], monitor.current(), procReader);
      return detail ? ok(detail) : fail('not-found', `no process with pid ${pid}`);
    },
    async getSettings() {
      return ok(settings.get());
    },
    async setSettings(patch) {
      try {
        const next = settings.update(patch);
        monitor.setIntervalMs(options.pollIntervalMs ?? next.pollIntervalMs);
        history.prune();
        return ok(next);
      } catch (error) {
        const code = error instanceof PrivateFileError ? 'refused' : 'failed';
        return fail(code, `could not save settings: ${(error as Error).message}`);
      }
    },
    killPreview: (request) => action('killPreview', request),
    kill: (request) => action('kill', request),
    restartPreview: (request) => action('restartPreview', request),
    restart: (request) => action('restart', request),
    startAgain: (request) => action('startAgain', request),
    logs: (request) => action('logs', request),
    diagnose: (request) => diagnoseCall(request, actionSnapshot),
    explain: async (request) => explainCall(request, monitor.current() ?? (await actionSnapshot())),
    audit: async () => auditCall(await actionSnapshot()),
    idleListeners: async (request) => idleCall(request, monitor.current() ?? (await actionSnapshot()), activity.tracker),
    closePreview: async (target) => closeCalls.preview(target, await actionSnapshot()),
    closeConnection: async ({ target, rowId }) => closeCalls.close(target, rowId, await actionSnapshot()),
    async names({ addresses, ports = [] }) {
      const services: Record<string, string> = {};
      for (const { port, protocol } of ports) {
        const service = serviceName(port, protocol);
        if (service) services[`${port}/${protocol}`] = service;
      }
      return ok({ names: settings.get().resolveNames ? names.known(addresses) : {}, services });
    },
    async metrics() {
      const snapshot = monitor.current() ?? (await firstSnapshot(monitor, FIRST_SNAPSHOT_TIMEOUT_MS));
      if (!snapshot) return fail('failed', `no snapshot yet${lastError ? `: ${lastError}` : ''}; the monitor is not delivering`);
      return ok({ text: renderPortMetrics(metricsInputOf(snapshot, lastPollMs)) });
    },
    async history(query) {
      return ok(history.query(query));
    },
    async openExternal() {
      return fail('unsupported', 'opening URLs is done by the app shell, not the backend');
    },
  };

  return {
    live: monitor,
    async call(name, request) {
      try {
        return await handlers[name](request);
      } catch (error) {
        return fail('internal', `${name} failed unexpectedly: ${(error as Error).message}`);
      }
    },
    subscribe(listener) {
      const subscription = stream.event(listener);
      const current = monitor.current();
      if (current) safely(listener, { type: 'snapshot', snapshot: withWarnings(current, standingWarnings) });
      return () => subscription.dispose();
    },
    async close() {
      owned.dispose();
      history.close();
      names.dispose();
      await monitor.close();
      if (actionPipeline) await actionPipeline.then((pipeline) => pipeline.close()).catch(() => {});
    },
  };
}

/**
 * Tightens an existing data directory (one made by an older PortLens, or by hand) to 0700 at
 * start, rather than at the first write; a directory someone else controls is reported as a
 * standing warning. A missing one is left for the first write to create.
 */
function privateDataDirWarning(dataDir: string): string | null {
  if (!existsSync(dataDir)) return null;
  try {
    ensurePrivateDir(dataDir);
    return null;
  } catch (error) {
    return `PortLens cannot keep its files private: ${(error as Error).message}`;
  }
}

/** How long a call waits for the monitor's first snapshot before answering with an error. */
const FIRST_SNAPSHOT_TIMEOUT_MS = 20_000;

/** The first snapshot, or null if none arrives in time (the monitor failed to start). */
function firstSnapshot(monitor: MonitorHandle, timeoutMs: number): Promise<Snapshot | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
    void monitor.ready().then((snapshot) => {
      clearTimeout(timer);
      resolve(snapshot);
    });
  });
}

function withWarnings<T extends { warnings: string[] }>(value: T, extra: string[]): T {
  return extra.length ? { ...value, warnings: [...value.warnings, ...extra] } : value;
}

/** A new subscriber's first snapshot goes to it alone, contained like the stream's messages. */
function safely(listener: (message: StreamMessage) => void, message: StreamMessage): void {
  try {
    listener(message);
  } catch (error) {
    console.error('portlens: a stream listener threw', error);
  }
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fail<T>(code: Parameters<typeof contractError>[0], message: string): Result<T> {
  return { ok: false, error: contractError(code, message) };
}
