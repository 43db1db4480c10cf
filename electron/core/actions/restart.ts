/**
 * Restart: through the owner's manager (systemctl, docker, pm2, launchctl, brew), or for a
 * plain process by PortLens itself: capture argv, cwd and environment, stop it as kill does,
 * wait for its ports to free, start the same command detached with its output in a log file,
 * and wait for the ports to listen again.
 */
import type {
  ActionSubject,
  RestartPreview,
  RestartRequest,
  RestartResult,
  Result,
  Target,
} from '../../contract/api.js';
import { formatCommand } from '../../contract/display-text.js';
import { recordActions } from '../history/action-events.js';
import { PrivateFileError } from '../private-files.js';
import type { ProcessInfo } from '../model.js';
import type { ActionDeps, EnvironRead } from './deps.js';
import { guardContext } from './guard.js';
import { heldPorts, listenersOn, listeningPorts, portNumbers, type HeldPort } from './held-ports.js';
import { identityOf } from './identity.js';
import { killRequestFor, portsStillBound } from './kill.js';
import { launchDetached, type Launched } from './launch-process.js';
import { checkLogFile, logFilePath, startHeader, tailLines } from './log-files.js';
import { managerRefusal } from './manager-refusal.js';
import { planOptions, planRestart, rootOnlyReason } from './restart-plan.js';
import { recordedLogFile, recordStartedService } from './started-services.js';
import { elevated, fail, ok, safely } from './results.js';
import { stopProcesses } from './stop-processes.js';
import { buildSubject, describeTarget, resolveTarget } from './subjects.js';
import { waitUntil } from './wait.js';
import { refusedForElevation } from './windows-service.js';

/** Lines of the log shown when a restarted service does not come back. */
const FAILURE_TAIL_LINES = 30;
/** A restarted process with no port to watch counts as up once it has run this long. */
const NO_PORT_SETTLE_MS = 1000;

/** What `restart` would do for this target: the method, the exact command, and the ports to watch. */
export async function previewRestart(target: Target, deps: ActionDeps): Promise<Result<RestartPreview>> {
  return safely('restart preview', () => previewRestartUnsafe(target, deps));
}

async function previewRestartUnsafe(target: Target, deps: ActionDeps): Promise<Result<RestartPreview>> {
  const resolved = await resolveTarget(target, deps, 'restart');
  if (!resolved.ok) return resolved;
  const { subjects } = resolved.value;
  if (subjects.length > 1) {
    const pids = subjects.map((s) => `${s.process.pid} (${s.process.name})`).join(', ');
    return fail(
      'invalid-request',
      `${describeTarget(target)} is held by ${subjects.length} separate processes: ${pids}; restart one of them with --pid`,
    );
  }
  return previewOf(subjects[0] as ActionSubject, deps);
}

function previewOf(subject: ActionSubject, deps: ActionDeps): Result<RestartPreview> {
  const environ = deps.processes.environ(subject.process.pid);
  // The command a plain process restarts with is looked up on the PATH it will run with.
  const plan = planRestart(subject.process, deps.selfUid, launchEnvironment(environ).PATH, planOptions(deps));
  if (!plan.ok) return plan;
  // Only PortLens's own restart needs the environment; the managers keep their own.
  const environmentReadable = plan.value.method !== 'process' || environ.ok;
  return ok({
    subject,
    method: plan.value.method,
    command: plan.value.command,
    cwd: subject.process.cwd,
    environmentReadable,
    ports: listeningPorts(subject.sockets),
  });
}

/** Restarts the process the user saw, by (pid, start time). */
export async function restart(request: RestartRequest, deps: ActionDeps): Promise<Result<RestartResult>> {
  return safely('restart', () => restartUnsafe(request, deps));
}

async function restartUnsafe(request: RestartRequest, deps: ActionDeps): Promise<Result<RestartResult>> {
  const started = deps.now();
  const state = identityOf(deps.processes, request.pid, request.startTime);
  if (state === 'gone') return fail('not-found', `pid ${request.pid} has exited; nothing to restart`);
  if (state === 'different')
    return fail(
      'stale-identity',
      `pid ${request.pid} now belongs to another process; the one you saw has exited`,
    );
  const snapshot = await deps.snapshot();
  const subject = buildSubject(request.pid, snapshot, deps, guardContext(deps.processes, deps.selfPid), 'restart');
  if (!subject) return fail('not-found', `pid ${request.pid} has exited; nothing to restart`);
  if (subject.refusal) return fail('refused', `PortLens will not restart ${subject.refusal}`);
  const preview = previewOf(subject, deps);
  if (!preview.ok) return preview;
  const shown = request.command;
  if (shown !== undefined && formatCommand(shown) !== formatCommand(preview.value.command))
    return fail(
      'refused',
      `the restart of pid ${request.pid} would now run \`${formatCommand(preview.value.command)}\`, not the \`${formatCommand(shown)}\` you confirmed; nothing was restarted. Preview it again`,
    );
  const timeoutMs = request.timeoutMs ?? deps.restartTimeoutMs;
  const result =
    preview.value.method === 'process'
      ? await restartProcess(preview.value, request, timeoutMs, deps)
      : await restartThroughManager(preview.value, timeoutMs, deps);
  if (!result.ok) return result;
  const { process: info, sockets } = preview.value.subject;
  recordActions(deps.dataDir, [
    { type: 'restart', time: deps.now(), pid: info.pid, processName: info.name, user: info.user, ports: heldPorts(sockets), detail: `restarted through ${result.value.method}${result.value.newPid ? `; new pid ${result.value.newPid}` : ''}` },
  ]);
  return ok({ ...result.value, elapsedMs: deps.now() - started });
}

/** A restart's result before its elapsed time is known. */
export type Restarted = Omit<RestartResult, 'elapsedMs'>;

/** Restarts (or starts) a managed service with its manager's command, then waits for its ports. */
export async function restartThroughManager(
  preview: RestartPreview,
  timeoutMs: number,
  deps: ActionDeps,
): Promise<Result<Restarted>> {
  const { process: info } = preview.subject;
  const command = preview.command;
  const { command: sudo, advice } = elevated(deps.commandName, 'restart', info.pid);
  const rootOnly = rootOnlyReason(info, deps.selfUid);
  if (rootOnly) return fail('permission', `${rootOnly} ${advice}`, sudo);
  const run = await deps.commands.run(command, { timeoutMs });
  if (!run.ok) {
    if (run.reason === 'not-found')
      return fail('unsupported', `${run.message}; cannot restart pid ${info.pid} through ${preview.method}`);
    return fail(run.reason === 'timeout' ? 'timeout' : 'failed', run.message, tail(run.output));
  }
  if (run.code !== 0 && preview.method === 'windows-service' && refusedForElevation(run.code)) {
    const { command: again, advice: asAdmin } = elevated(deps.commandName, 'restart', info.pid);
    return fail('permission', `restarting a Windows service needs an administrator; Windows refused. ${asAdmin}`, again);
  }
  if (run.code !== 0) {
    const exited = `\`${command.join(' ')}\` exited with status ${run.code}`;
    const refusal = managerRefusal(run.output);
    if (refusal === 'protected') {
      const why = 'macOS protects this service (System Integrity Protection), so not even root can restart it';
      return fail('refused', `${exited}: ${why}`, tail(run.output));
    }
    if (refusal === 'permission' && deps.selfUid !== 0)
      return fail('permission', `${exited}: not permitted. ${advice}`, tail(run.output));
    return fail('failed', exited, tail(run.output));
  }
  const back = await waitForListeners(heldPorts(preview.subject.sockets), timeoutMs, deps, () => false);
  if (!back.ok)
    return fail(
      'failed',
      `\`${command.join(' ')}\` succeeded, but port ${back.missing.join(', ')} did not listen again within ${timeoutMs} ms`,
      tail(run.output),
    );
  return ok({
    method: preview.method,
    oldPid: info.pid,
    newPid: back.owner,
    ports: preview.ports,
    logFile: null,
  });
}

async function restartProcess(
  preview: RestartPreview,
  request: RestartRequest,
  timeoutMs: number,
  deps: ActionDeps,
): Promise<Result<Restarted>> {
  const { process: info } = preview.subject;
  const environ = deps.processes.environ(info.pid);
  if (!environ.ok && environ.reason === 'gone')
    return fail('not-found', `pid ${info.pid} has exited; nothing to restart`);
  // Windows (no uids, selfUid null) shows no other process's working directory: no rights help.
  if (preview.cwd === null && deps.selfUid === null)
    return fail('unsupported', `Windows does not show the working directory of pid ${info.pid} (${info.name}), so PortLens cannot start it again in the same place; restart it yourself`);
  const { command: sudo, advice } = elevated(deps.commandName, 'restart', info.pid);
  if (!environ.ok && !request.withoutEnvironment) {
    return fail(
      'refused',
      `the environment of pid ${info.pid} (${info.name}, user ${info.user}) cannot be read; PortLens restarts it with its own environment only when you confirm that (withoutEnvironment, --without-environment). ${advice}`,
      sudo,
    );
  }
  if (preview.cwd === null) {
    return fail(
      'permission',
      `permission denied: the working directory of pid ${info.pid} (${info.name}, user ${info.user}) cannot be read. ${advice}`,
      sudo,
    );
  }
  const env = launchEnvironment(environ);
  const asOwner = deps.selfUid === 0 && info.uid !== 0;
  const gid = asOwner ? deps.processes.gid(info.pid) : null;
  if (asOwner && gid === null)
    return fail('failed', `cannot read the group of pid ${info.pid}; not restarting it as root instead`);

  // A service PortLens started before keeps its log whatever its name is now.
  const logFile =
    recordedLogFile(deps.dataDir, info) ?? logFilePath(deps.dataDir, info.name, preview.ports[0] ?? null);
  const unusableLog = logFileRefusal(logFile, info.pid);
  if (unusableLog) return unusableLog;

  const kill = killRequestFor({ subjects: [preview.subject] }, { force: false, timeoutMs: null });
  if (!kill.ok) return kill;
  const stopped = await stopProcesses(
    kill.value.processes,
    { force: false, timeoutMs: deps.killTimeoutMs, verb: 'restart' },
    deps,
  );
  if (!stopped.ok) return stopped;
  const held = heldPorts(preview.subject.sockets);
  const bound = await portsStillBound(held, deps, Math.min(timeoutMs, 5000));
  if (bound.length) {
    const holder = await holderText(bound[0] as HeldPort, deps);
    return fail(
      'failed',
      `pid ${info.pid} stopped, but port ${portNumbers(bound).join(', ')} is listening again (${holder}); something else restarts this service, so PortLens did not start a second copy`,
    );
  }

  return launchAndWatch(
    { info, command: preview.command, cwd: preview.cwd, env, logFile, uid: asOwner ? info.uid : null, gid },
    held,
    preview.ports,
    timeoutMs,
    deps,
  );
}

/** What launchAndWatch starts: the ended process's command, place, environment and user. */
export interface Relaunch {
  info: ProcessInfo;
  command: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  uid: number | null;
  gid: number | null;
}

/**
 * Starts `spec` detached (see launchDetached) and waits until its ports listen again (or, with
 * none to watch, until it has run a moment): the restart's second half, and "start again".
 */
export async function launchAndWatch(
  spec: Relaunch,
  held: readonly HeldPort[],
  ports: number[],
  timeoutMs: number,
  deps: ActionDeps,
): Promise<Result<Restarted>> {
  const { info, logFile } = spec;
  const launch = await launchDetached({
    command: spec.command,
    argv0: info.argv[0] ?? null,
    cwd: spec.cwd,
    env: spec.env,
    logFile,
    header: startHeader(deps.now(), spec.command, spec.cwd, info.pid),
    uid: spec.uid,
    gid: spec.gid,
  });
  if (!launch.ok)
    return fail(
      'failed',
      `pid ${info.pid} was stopped but could not be started again: ${launch.message}`,
      tailLines(logFile, FAILURE_TAIL_LINES),
    );
  const child = launch.value;
  const back =
    held.length > 0
      ? await waitForListeners(held, timeoutMs, deps, () => failedExit(child))
      : {
          ok: !(await waitUntil(() => child.exit !== null, Math.min(timeoutMs, NO_PORT_SETTLE_MS))),
          owner: null,
          missing: [],
        };
  if (!back.ok) {
    const why = child.exit
      ? `exited (${child.exit.signal ?? `status ${child.exit.code}`}) before listening on port ${back.missing.join(', ')}`
      : `did not listen on port ${back.missing.join(', ')} within ${timeoutMs} ms; it is still running as pid ${child.pid}`;
    return fail(
      'failed',
      `restarted ${info.name} (new pid ${child.pid}) ${why}; see ${logFile}`,
      tailLines(logFile, FAILURE_TAIL_LINES),
    );
  }
  const newPid = newPidOf(child, back.owner);
  recordLaunch(deps, [child.pid, newPid], logFile);
  return ok({
    method: 'process',
    oldPid: info.pid,
    newPid,
    ports,
    logFile,
  });
}

/** Why the log file cannot be written (see checkLogFile), found before anything is stopped; else null. */
export function logFileRefusal(logFile: string, pid: number): Result<never> | null {
  try {
    checkLogFile(logFile);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof PrivateFileError
      ? fail('refused', `PortLens did not stop pid ${pid}: ${message}`)
      : fail('failed', `PortLens did not stop pid ${pid}: cannot write the log file ${logFile}: ${message}`);
  }
}

/**
 * Records who now writes to `logFile` (our child, and the listener when a daemon forked), so
 * `logs` finds it by identity. Best effort: the service runs either way.
 */
function recordLaunch(deps: ActionDeps, pids: readonly (number | null)[], logFile: string): void {
  for (const pid of new Set(pids)) {
    const startTime = pid === null || pid <= 0 ? undefined : deps.processes.stat(pid)?.startTime;
    if (pid === null || startTime === undefined) continue;
    try {
      recordStartedService(deps.dataDir, { pid, startTime, logFile, at: deps.now() });
    } catch {
      // An unwritable record only costs `logs` its lookup by identity; the name lookup remains.
    }
  }
}

/** Exited unsuccessfully. (Status 0 may be a daemon that forked: keep waiting for its port.) */
function failedExit(child: Launched): boolean {
  return child.exit !== null && child.exit.code !== 0;
}

/** Our child if it still runs (a launcher like npm), else whoever listens (a daemon that forked). */
function newPidOf(child: Launched, owner: number | null): number | null {
  if (child.exit === null && child.pid > 0) return child.pid;
  return owner;
}

/** Polls snapshots until every port listens, `gaveUp()` says stop, or the timeout passes. */
async function waitForListeners(
  ports: readonly HeldPort[],
  timeoutMs: number,
  deps: ActionDeps,
  gaveUp: () => boolean,
): Promise<{ ok: boolean; owner: number | null; missing: number[] }> {
  let missing = [...ports];
  let owner: number | null = null;
  const first = ports[0];
  await waitUntil(
    async () => {
      const snapshot = await deps.snapshot();
      missing = ports.filter(({ port, protocol }) => listenersOn(snapshot, port, protocol).length === 0);
      owner = first ? (listenersOn(snapshot, first.port, first.protocol)[0]?.pids[0] ?? null) : null;
      return missing.length === 0 || gaveUp();
    },
    timeoutMs,
    200,
  );
  return { ok: missing.length === 0, owner, missing: portNumbers(missing) };
}

export async function holderText({ port, protocol }: HeldPort, deps: ActionDeps): Promise<string> {
  const snapshot = await deps.snapshot();
  const pid = listenersOn(snapshot, port, protocol)[0]?.pids[0];
  if (pid === undefined) return 'owner not visible';
  return `pid ${pid}, ${snapshot.processes[String(pid)]?.name ?? deps.processes.stat(pid)?.comm ?? '?'}`;
}

function tail(output: string): string | null {
  const lines = output.trimEnd().split('\n').slice(-FAILURE_TAIL_LINES).join('\n');
  return lines ? `${lines}\n` : null;
}

/** The environment a plain process restarts with: its own, else (with consent) PortLens's. */
export function launchEnvironment(environ: EnvironRead): Record<string, string> {
  return environ.ok ? { ...environ.env } : stringEnv(process.env);
}

/** process.env without undefined values, as spawn wants it. */
function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
