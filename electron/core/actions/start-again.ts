/**
 * "Start again": run a process PortLens saw end (usually one it killed) the way it ran before,
 * with the same argv, cwd and environment, through the restart's launcher and its consent rules.
 * A process's environment cannot be read once it has exited, so PortLens reads what it needs
 * while the process still runs (before a kill, or when the owner panel shows it) and keeps it
 * in memory only: never on disk, never sent to a client.
 */
import type { RestartPreview, RestartRequest, RestartResult, Result } from '../../contract/api.js';
import { isListening } from '../../contract/row-fields.js';
import { PrivateFileError } from '../private-files.js';
import type { ProcessInfo, Snapshot, SocketRow } from '../model.js';
import type { ActionDeps, EnvironRead, ProcessReader } from './deps.js';
import { heldPorts, listenersOn, portNumbers, socketsHeldBy } from './held-ports.js';
import { identityOf } from './identity.js';
import { checkLogFile, logFilePath } from './log-files.js';
import {
  holderText,
  launchAndWatch,
  launchEnvironment,
  restartThroughManager,
  type Restarted,
} from './restart.js';
import { planOptions, planRestart } from './restart-plan.js';
import { fail, ok, safely } from './results.js';

/** What starting a process again needs, read while it still ran. */
export interface LaunchRecord {
  info: ProcessInfo;
  environ: EnvironRead;
  /** Primary gid, to start it as its own user when PortLens runs as root. */
  gid: number | null;
  /** The sockets it listened on: these must listen again for the start to count as done. */
  listening: SocketRow[];
}

/** Launch records of recently seen processes, by (pid, start time); the oldest go first. */
export class LaunchMemory {
  private readonly records = new Map<string, LaunchRecord>();

  constructor(private readonly capacity = 64) {}

  /** Reads and keeps what starting each process again needs; a process already gone is skipped. */
  remember(
    processes: readonly { pid: number; startTime: number }[],
    snapshot: Snapshot | null,
    reader: ProcessReader,
  ): void {
    for (const { pid, startTime } of processes) {
      const info = reader.info(pid);
      if (!info || info.startTime !== startTime) continue;
      const held = snapshot ? socketsHeldBy(snapshot, new Set([pid])) : [];
      const key = keyOf(pid, startTime);
      this.records.delete(key); // re-inserted last: the most recent stays longest
      this.records.set(key, {
        info,
        environ: reader.environ(pid),
        gid: reader.gid(pid),
        listening: held.filter(isListening),
      });
    }
    for (const key of this.records.keys()) {
      if (this.records.size <= this.capacity) break;
      this.records.delete(key);
    }
  }

  /** The record of exactly this process (a reused pid has another start time), if kept. */
  get(pid: number, startTime: number): LaunchRecord | undefined {
    return this.records.get(keyOf(pid, startTime));
  }

  /** Forgets a process (it was started again: a second start would be a second copy). */
  forget(pid: number, startTime: number): void {
    this.records.delete(keyOf(pid, startTime));
  }
}

function keyOf(pid: number, startTime: number): string {
  return `${pid}:${startTime}`;
}

/** Starts the ended process (pid, start time) again; see the file comment. */
export async function startAgain(
  request: RestartRequest,
  memory: LaunchMemory,
  deps: ActionDeps,
): Promise<Result<RestartResult>> {
  return safely('start again', async () => {
    const started = deps.now();
    const record = memory.get(request.pid, request.startTime);
    if (!record)
      return fail(
        'not-found',
        `PortLens did not record how pid ${request.pid} was started: it can start again a process it ended itself, or one whose details it showed while it ran`,
      );
    const result = await startRecorded(record, request, deps);
    if (!result.ok) return result;
    memory.forget(request.pid, request.startTime);
    return ok({ ...result.value, elapsedMs: deps.now() - started });
  });
}

async function startRecorded(
  record: LaunchRecord,
  request: RestartRequest,
  deps: ActionDeps,
): Promise<Result<Restarted>> {
  const { info, environ } = record;
  if (identityOf(deps.processes, info.pid, info.startTime) === 'same')
    return fail('invalid-request', `pid ${info.pid} (${info.name}) is still running; restart it instead`);
  const env = launchEnvironment(environ);
  const plan = planRestart(info, deps.selfUid, env.PATH, planOptions(deps));
  if (!plan.ok) return plan;
  const held = heldPorts(record.listening);
  const ports = portNumbers(held);
  const snapshot = await deps.snapshot();
  const taken = held.filter(({ port, protocol }) => listenersOn(snapshot, port, protocol).length > 0);
  if (taken.length) {
    const holder = await holderText(taken[0]!, deps);
    return fail(
      'failed',
      `port ${portNumbers(taken).join(', ')} is listening already (${holder}), so PortLens did not start a second copy of ${info.name}`,
    );
  }
  const timeoutMs = request.timeoutMs ?? deps.restartTimeoutMs;
  if (plan.value.method !== 'process') {
    const preview: RestartPreview = {
      subject: { process: info, children: [], sockets: record.listening, refusal: null },
      method: plan.value.method,
      command: plan.value.command,
      cwd: info.cwd,
      environmentReadable: true,
      ports,
    };
    return restartThroughManager(preview, timeoutMs, deps);
  }
  const refusal = launchRefusal(record, request, deps);
  if (refusal) return refusal;
  const asOwner = deps.selfUid === 0 && info.uid !== 0;
  const logFile = logFilePath(deps.dataDir, info.name, ports[0] ?? null);
  try {
    checkLogFile(logFile);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      error instanceof PrivateFileError ? 'refused' : 'failed',
      `cannot write the log file ${logFile}: ${message}`,
    );
  }
  return launchAndWatch(
    {
      info,
      command: plan.value.command,
      cwd: info.cwd!,
      env,
      logFile,
      uid: asOwner ? info.uid : null,
      gid: asOwner ? record.gid : null,
    },
    held,
    ports,
    timeoutMs,
    deps,
  );
}

/** The restart's consent rules for a plain process: environment, working directory, user. */
function launchRefusal(
  record: LaunchRecord,
  request: RestartRequest,
  deps: ActionDeps,
): Result<never> | null {
  const { info, environ } = record;
  if (!environ.ok && !request.withoutEnvironment)
    return fail(
      'refused',
      `the environment of pid ${info.pid} (${info.name}, user ${info.user}) could not be read while it ran; PortLens starts it with its own environment only when you confirm that (withoutEnvironment, --without-environment)`,
    );
  if (info.cwd === null)
    return fail(
      'permission',
      `the working directory of pid ${info.pid} (${info.name}, user ${info.user}) could not be read while it ran, so it cannot be started in the same place`,
    );
  if (deps.selfUid !== null && deps.selfUid !== 0 && info.uid !== deps.selfUid)
    return fail(
      'permission',
      `pid ${info.pid} ran as user ${info.user}; PortLens runs as another user and would start it as itself`,
    );
  if (deps.selfUid === 0 && info.uid !== 0 && record.gid === null)
    return fail('failed', `the group of pid ${info.pid} could not be read; not starting it as root instead`);
  return null;
}
