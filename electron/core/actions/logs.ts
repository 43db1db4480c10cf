/**
 * Logs: where a service's output can be read. PortLens's own log file for processes it
 * restarted, the journal for systemd units, `docker logs` for containers; otherwise a plain
 * statement of why none is reachable.
 */
import { existsSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogsRequest, LogsResult, Result, Target } from '../../contract/api.js';
import { formatCommand } from '../../contract/display-text.js';
import type { ProcessInfo, Snapshot } from '../model.js';
import type { ActionDeps } from './deps.js';
import { listenersAccepting, listeningPorts, socketsHeldBy } from './held-ports.js';
import { findLogFile, logsDir, tailLines } from './log-files.js';
import { fail, ok, safely } from './results.js';
import { recordedLogFile } from './started-services.js';
import { describeTarget } from './subjects.js';

/** Where a target's logs are, before reading them: what `readLogs` reads and `--follow` follows. */
export type LogsLocation = Omit<LogsResult, 'text'>;

/** Finds the target's logs without reading them (for `--follow`: follow instead of reading twice). */
export async function locateLogs(request: LogsRequest, deps: ActionDeps): Promise<Result<LogsLocation>> {
  return safely('logs', () => locateLogsUnsafe(request, deps));
}

async function locateLogsUnsafe(request: LogsRequest, deps: ActionDeps): Promise<Result<LogsLocation>> {
  const snapshot = await deps.snapshot();
  const found = findProcess(request.target, snapshot, deps);
  if (!found.ok) return found;
  const info = found.value;
  if (info === null) return logsWithoutProcess(request.target, deps);
  const ports = listeningPorts(socketsHeldBy(snapshot, new Set([info.pid])));
  const service = info.service;

  if (service?.kind === 'systemd')
    return located('journal', journalCommand(service, info, request.lines, deps.selfUid));
  if (service?.kind === 'docker')
    return located('docker', ['docker', 'logs', '--tail', String(request.lines), service.containerId]);
  const file = capturedLog(deps.dataDir, info, ports);
  if (file) return ok({ source: 'portlens', command: null, logFile: file, reason: null });
  if (service?.kind === 'pm2') {
    return none(
      `pid ${info.pid} (${info.name}) is managed by pm2, which keeps its logs itself: run \`pm2 logs ${service.id} --lines ${request.lines} --nostream\``,
    );
  }
  if (service?.kind === 'launchd' || service?.kind === 'homebrew') {
    return none(
      `pid ${info.pid} (${info.name}) runs as the launchd job ${service.label}, whose output goes where its plist's StandardOutPath and StandardErrorPath say: run \`${formatCommand(['launchctl', 'print', `${service.domain}/${service.label}`])}\` to see them`,
    );
  }
  return none(
    `pid ${info.pid} (${info.name}) was not started by PortLens and is not a systemd unit or Docker container, so its output is not collected anywhere PortLens can read${stdoutHint(info.pid)}`,
  );
}

/**
 * PortLens's capture of this process's output: by the identity recorded when PortLens started
 * it (a restart may change its name), else by name and port (captures from before the record),
 * else the file its stdout is open on when that is one of our logs.
 */
function capturedLog(dataDir: string, info: ProcessInfo, ports: readonly number[]): string | null {
  return recordedLogFile(dataDir, info) ?? findLogFile(dataDir, info.name, ports) ?? stdoutInLogs(dataDir, info.pid);
}

function stdoutInLogs(dataDir: string, pid: number): string | null {
  const target = stdoutTarget(pid);
  return target !== null && target.startsWith(`${logsDir(dataDir)}/`) && existsSync(target) ? target : null;
}

/** Reads the last `lines` lines of the target's logs. */
export async function readLogs(request: LogsRequest, deps: ActionDeps): Promise<Result<LogsResult>> {
  return safely('logs', () => readLogsUnsafe(request, deps));
}

async function readLogsUnsafe(request: LogsRequest, deps: ActionDeps): Promise<Result<LogsResult>> {
  const location = await locateLogs(request, deps);
  if (!location.ok) return location;
  const where = location.value;
  if (where.logFile) return ok({ ...where, text: tailLines(where.logFile, request.lines) });
  if (!where.command || where.source === 'none' || where.source === 'portlens')
    return ok({ ...where, text: '' });
  return runLogCommand(where.source, where.command, deps);
}

/** The argv that follows the same logs live (`-f`), or null for a log file (follow it with followLogFile). */
export function followCommand(result: LogsLocation): string[] | null {
  if (!result.command) return null;
  const [program, ...rest] = result.command;
  if (program === 'journalctl') return [program, '-f', ...rest];
  if (program === 'docker' && rest[0] === 'logs') return [program, 'logs', '-f', ...rest.slice(1)];
  return null;
}

function journalCommand(
  service: Extract<ProcessInfo['service'], { kind: 'systemd' }>,
  info: ProcessInfo,
  lines: number,
  selfUid: number | null,
): string[] {
  const tail = ['-n', String(lines), '--no-pager'];
  if (service.scope === 'system') return ['journalctl', '-u', service.unit, ...tail];
  const uid = service.uid ?? info.uid;
  if (selfUid === null || uid === selfUid) return ['journalctl', '--user-unit', service.unit, ...tail];
  // --user-unit matches the caller's own uid; root reading another user's unit names both fields.
  return ['journalctl', `_SYSTEMD_USER_UNIT=${service.unit}`, `_UID=${uid}`, ...tail];
}

async function runLogCommand(
  source: 'journal' | 'docker',
  command: string[],
  deps: ActionDeps,
): Promise<Result<LogsResult>> {
  const run = await deps.commands.run(command, { timeoutMs: 30_000 });
  if (!run.ok)
    return fail(
      run.reason === 'not-found' ? 'unsupported' : run.reason === 'timeout' ? 'timeout' : 'failed',
      run.message,
      run.output || null,
    );
  if (run.code !== 0)
    return fail(
      'failed',
      `\`${command.join(' ')}\` exited with status ${run.code}`,
      run.output.slice(-4000) || null,
    );
  // journalctl's stderr holds hints ("not seeing messages from other users"); docker logs
  // replays the container's stderr there, which is part of the log.
  return ok({
    source,
    command,
    logFile: null,
    text: source === 'docker' ? run.output : run.stdout,
    reason: null,
  });
}

/** The process behind a target, null for a port nobody holds now, or a typed failure. */
function findProcess(target: Target, snapshot: Snapshot, deps: ActionDeps): Result<ProcessInfo | null> {
  if (target.kind === 'pid') {
    const stat = deps.processes.stat(target.pid);
    if (!stat) return fail('not-found', `no process with pid ${target.pid}`);
    if (target.startTime !== null && target.startTime !== stat.startTime)
      return fail('stale-identity', `pid ${target.pid} now belongs to another process`);
    const info = snapshot.processes[String(target.pid)] ?? deps.processes.info(target.pid);
    return info ? ok(info) : fail('not-found', `no process with pid ${target.pid}`);
  }
  const rows = listenersAccepting(snapshot, target.port, target.address);
  const pid = rows.flatMap((row) => row.pids).sort((a, b) => a - b)[0];
  if (pid === undefined) {
    if (rows.some((row) => row.ownerReason === 'permission')) {
      const command = `sudo ${deps.commandName} logs ${describeTarget(target).replace(/^port /, '')}`;
      return fail(
        'permission',
        `${describeTarget(target)} is held by another user's process; PortLens cannot see which without elevated rights. Run: ${command}`,
        command,
      );
    }
    return ok(null);
  }
  const info = snapshot.processes[String(pid)] ?? deps.processes.info(pid);
  return info ? ok(info) : ok(null);
}

/** Nobody holds the port now; a service PortLens restarted may still have left its log. */
function logsWithoutProcess(target: Target, deps: ActionDeps): Result<LogsLocation> {
  if (target.kind === 'port') {
    const file = newestLogForPort(deps.dataDir, target.port);
    if (file) return ok({ source: 'portlens', command: null, logFile: file, reason: null });
  }
  return none(`nothing listens on ${describeTarget(target)}, and PortLens has no log for it`);
}

function newestLogForPort(dataDir: string, port: number): string | null {
  let names: string[];
  try {
    names = readdirSync(logsDir(dataDir));
  } catch {
    return null;
  }
  const files = names
    .filter((name) => name.endsWith(`-${port}.log`))
    .map((name) => join(logsDir(dataDir), name));
  const mtime = (file: string): number => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  files.sort((a, b) => mtime(b) - mtime(a));
  return files[0] ?? null;
}

/** What /proc/<pid>/fd/1 links to, or null when we cannot see it. */
function stdoutTarget(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/fd/1`);
  } catch {
    return null;
  }
}

/** Where the process's stdout goes, when we can see it: tells the user where to look. */
function stdoutHint(pid: number): string {
  const target = stdoutTarget(pid);
  if (target === null) return '';
  if (target.startsWith('/dev/pts/') || target.startsWith('/dev/tty'))
    return `; its output goes to the terminal ${target}`;
  if (target === '/dev/null') return '; its output is discarded (/dev/null)';
  if (target.startsWith('/')) return `; its output is written to ${target}`;
  return `; its output goes to ${target}`;
}

function none(reason: string): Result<LogsLocation> {
  return ok({ source: 'none', command: null, logFile: null, reason });
}

function located(source: 'journal' | 'docker', command: string[]): Result<LogsLocation> {
  return ok({ source, command, logFile: null, reason: null });
}
