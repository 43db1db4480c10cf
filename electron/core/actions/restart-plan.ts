/**
 * How to restart a process: through whoever manages it (systemd, Docker, pm2, launchd,
 * Homebrew), else by PortLens itself (stop, then start the same command in the same place).
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute } from 'node:path';
import type { RestartMethod, Result } from '../../contract/api.js';
import type { ProcessInfo } from '../model.js';
import type { ActionDeps } from './deps.js';
import { joinedArgvDoubt } from './joined-argv.js';
import { launchdRestartCommand } from './launchd-plan.js';
import { fail, ok } from './results.js';
import { restartServiceCommand } from './windows-service.js';

/**
 * The method and the exact argv PortLens will run: command[0] is the file executed. (For
 * `process`, the new process gets the original argv[0] as its argv[0], keeping its name.)
 */
export interface RestartPlan {
  method: RestartMethod;
  command: string[];
}

/** What planRestart needs to know beyond the process. */
export interface PlanOptions {
  /** Where `brew` may be (default HOMEBREW_BREWS); never derived from the process. */
  brews?: readonly string[];
  /** The argv was read from ps, joined by spaces (see joined-argv.ts): relaunched only when it can be trusted. */
  argvJoined?: boolean;
}

/** The plan options the actions' deps give. */
export function planOptions(deps: Pick<ActionDeps, 'brews' | 'processes'>): PlanOptions {
  return { brews: deps.brews, argvJoined: deps.processes.argvJoined === true };
}

/**
 * Plans the restart of `info`. `selfUid` is our effective uid (null on Windows): another
 * user's systemd user unit is reached with `systemctl --user -M USER@` (systemd ≥ 248; it
 * opens a PAM session for that user and talks to their manager through systemd-stdio-bridge).
 * `searchPath` is the PATH a plain process will be started with (see processCommand).
 */
export function planRestart(
  info: ProcessInfo,
  selfUid: number | null,
  searchPath?: string,
  options: PlanOptions = {},
): Result<RestartPlan> {
  const service = info.service;
  if (info.name === 'docker-proxy' && service?.kind !== 'docker') {
    // Its cgroup is docker.service: "restarting the manager" would restart every container.
    return fail(
      'unsupported',
      `pid ${info.pid} is docker-proxy, forwarding a port to a container PortLens could not identify; restart that container with \`docker restart <container>\``,
    );
  }
  if (service?.kind === 'systemd') {
    if (service.scope === 'system')
      return ok({ method: 'systemd', command: ['systemctl', 'restart', service.unit] });
    const uid = service.uid ?? info.uid;
    if (selfUid === null || uid === selfUid)
      return ok({ method: 'systemd', command: ['systemctl', '--user', 'restart', service.unit] });
    const user = uid === info.uid && !/^\d+$/.test(info.user) ? info.user : String(uid);
    return ok({
      method: 'systemd',
      command: ['systemctl', '--user', '-M', `${user}@`, 'restart', service.unit],
    });
  }
  if (service?.kind === 'docker')
    return ok({ method: 'docker', command: ['docker', 'restart', service.containerId] });
  if (service?.kind === 'pm2') return ok({ method: 'pm2', command: ['pm2', 'restart', service.id] });
  if (service?.kind === 'launchd' || service?.kind === 'homebrew')
    return launchdRestartCommand(service, selfUid, options.brews);
  if (service?.kind === 'windows-service') {
    const command = restartServiceCommand(service.name);
    if (command === null)
      return fail('unsupported', `pid ${info.pid} runs the Windows service ${JSON.stringify(service.name)}, whose name PortLens will not put in a PowerShell command; restart it in the Services app`);
    return ok({ method: 'windows-service', command });
  }
  if (options.argvJoined) {
    const doubt = joinedArgvDoubt(info, info.argv[0] ? lookUpProgram(info.argv[0], info.cwd, searchPath) : null);
    if (doubt !== null)
      return fail(
        'unsupported',
        `pid ${info.pid} (${info.name}): its command line was read with ps, which joins arguments with spaces, and ${doubt}; PortLens will not start it again from a guess. Restart it from where it was started (its terminal, script or service)`,
      );
  }
  const command = processCommand(info, searchPath);
  if (command === null)
    return fail(
      'unsupported',
      info.argv.length === 0 && !info.exe
        ? `pid ${info.pid} (${info.name}) has no command line to start again`
        : `pid ${info.pid} (${info.name}): its program (${info.argv[0] ?? info.exe}) is no longer found, so it cannot be started again`,
    );
  return ok({ method: 'process', command });
}

/**
 * Why only root can run this restart (another user's systemd unit or launchd job, a job in
 * launchd's system domain: "anyone may read or query the system domain, but root privileges are
 * required to make modifications", launchctl(1)); null when we may.
 */
export function rootOnlyReason(info: ProcessInfo, selfUid: number | null): string | null {
  const service = info.service;
  if (selfUid === 0 || selfUid === null || !service) return null;
  if (service.kind === 'systemd' && service.scope === 'user' && (service.uid ?? info.uid) !== selfUid)
    return `pid ${info.pid} runs in a systemd user unit of ${info.user}; only root can restart another user's unit.`;
  if (service.kind !== 'launchd' && service.kind !== 'homebrew') return null;
  const what = service.kind === 'homebrew' ? `the Homebrew service ${service.formula}` : `the launchd job ${service.label}`;
  if (service.domain === 'system')
    return `pid ${info.pid} is ${what} in launchd's system domain; only root can restart system jobs.`;
  if (service.domain !== `gui/${selfUid}`)
    return `pid ${info.pid} is ${what} of another user (${service.domain}); only root can restart another user's jobs.`;
  return null;
}

/**
 * The command that starts `info` again, as it will be spawned: its argv, with argv[0] looked up
 * as the shell did (a bare name on `searchPath`, a path from the process's cwd) when that still
 * finds the program running now (/proc/<pid>/exe); else the running program's own path. Never a
 * symlink's target: `python3` stays /usr/bin/python3, not python3.11, so the new process gets the
 * same name. (The launch passes the original argv[0] as argv0, so ps shows the same argv too.)
 */
export function processCommand(info: ProcessInfo, searchPath: string | undefined): string[] | null {
  const [first, ...rest] = info.argv;
  const exe = info.exe?.replace(/ \(deleted\)$/, '') || null;
  const found = first ? lookUpProgram(first, info.cwd, searchPath) : null;
  // argv[0] may no longer name what runs (a rewritten argv, a PATH changed since); the running
  // binary may be gone (upgraded): then the other one is what can start it.
  if (found !== null && (exe === null || !isProgram(exe) || realPath(found) === exe))
    return [found, ...rest];
  if (exe !== null && isProgram(exe)) return [exe, ...rest];
  return null;
}

/**
 * Where a program name leads, as execvp finds it: a name with `/` as is, else the first
 * executable file in `searchPath` (unset: /usr/bin:/bin, Node's default); a relative result is
 * taken from `cwd` (an empty PATH entry is the cwd). Paths are joined, not normalised, as execvp
 * joins them. Null when nothing is found.
 */
export function lookUpProgram(name: string, cwd: string | null, searchPath: string | undefined): string | null {
  const candidates = name.includes('/')
    ? [name]
    : (searchPath ?? '/usr/bin:/bin').split(delimiter).map((dir) => (dir === '' ? name : `${dir}/${name}`));
  for (const candidate of candidates) {
    const file = isAbsolute(candidate) ? candidate : cwd === null ? null : `${cwd.replace(/\/$/, '')}/${candidate}`;
    if (file !== null && isProgram(file)) return file;
  }
  return null;
}

function isProgram(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
