/**
 * How to restart a process: through whoever manages it (systemd, Docker, pm2), else by
 * PortLens itself (stop, then start the same command in the same place).
 */
import type { RestartMethod, Result } from '../../contract/api.js';
import type { ProcessInfo } from '../model.js';
import { fail, ok } from './results.js';

/** The method and the exact argv PortLens will run (for `process`: the command it restarts). */
export interface RestartPlan {
  method: RestartMethod;
  command: string[];
}

/**
 * Plans the restart of `info`. `selfUid` is our effective uid (null on Windows): another
 * user's systemd user unit is reached with `systemctl --user -M USER@` (systemd ≥ 248; it
 * opens a PAM session for that user and talks to their manager through systemd-stdio-bridge).
 */
export function planRestart(info: ProcessInfo, selfUid: number | null): Result<RestartPlan> {
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
  const program = executableOf(info);
  if (program === null)
    return fail('unsupported', `pid ${info.pid} (${info.name}) has no command line to start again`);
  return ok({ method: 'process', command: [program, ...info.argv.slice(1)] });
}

/**
 * The program to run: /proc/<pid>/exe (absolute, immune to PATH), else argv[0]. A binary
 * replaced on disk since the start reads `/path (deleted)`; the path names the new one.
 */
export function executableOf(info: ProcessInfo): string | null {
  const exe = info.exe?.replace(/ \(deleted\)$/, '') ?? null;
  if (exe) return exe;
  const first = info.argv[0];
  return first ? first : null;
}
