/**
 * Who manages a process — systemd, Docker or pm2 — decides how PortLens restarts it. Detection
 * is pure: it reads only the process's cgroup text, environment and argv.
 */
import type { ServiceManager } from '../model.js';
import { type CgroupEntry, dockerContainerOf, parseCgroup } from './cgroup.js';
import { dockerProxyTarget } from './docker-proxy.js';

/** What detection looks at, as read from /proc/<pid>/{cgroup,environ,cmdline}. */
export interface ServiceManagerInput {
  /** Raw /proc/<pid>/cgroup text. */
  cgroup: string;
  /** The environment, or null when unreadable (then pm2 cannot be detected). */
  environ: Record<string, string> | null;
  argv: string[];
  /**
   * Finds the container that owns an IP address (see docker-proxy.ts). docker-proxy's argv
   * names the container's IP, not its id; without this lookup a docker-proxy gets null.
   */
  containerForAddress?: (ip: string) => string | null;
}

const USER_MANAGER = /^user@(\d{1,10})\.service$/;

/**
 * The service manager of a process, or null for none we can act on. Order matters: a Docker
 * container wins over anything inside it; a pm2 app wins over the pm2 daemon's own systemd
 * unit (pm2-root.service holds its apps too); a docker-proxy belongs to its container, not to
 * docker.service. Session scopes, init.scope and other scopes are not restartable units: null.
 * Throws ParseError when the cgroup text is malformed (the kernel never writes that).
 */
export function detectServiceManager(input: ServiceManagerInput): ServiceManager | null {
  const entries = parseCgroup(input.cgroup);
  const containerId = dockerContainerOf(entries);
  if (containerId) return { kind: 'docker', containerId };

  const proxy = dockerProxyTarget(input.argv);
  if (proxy) {
    const id = input.containerForAddress?.(proxy.containerIp) ?? null;
    return id ? { kind: 'docker', containerId: id } : null;
  }

  const pmId = input.environ?.['pm_id'];
  if (pmId !== undefined && /^\d+$/.test(pmId)) {
    return { kind: 'pm2', id: pmId, name: input.environ?.['name'] || null };
  }

  const systemdPath = systemdPathOf(entries);
  return systemdPath === null ? null : systemdUnitOf(systemdPath);
}

/** The path systemd manages: the v2 unified line, else the v1 `name=systemd` line. */
function systemdPathOf(entries: readonly CgroupEntry[]): string | null {
  const unified = entries.find((entry) => entry.hierarchy === 0 && entry.controllers.length === 0);
  if (unified && unified.path !== '/') return unified.path;
  return entries.find((entry) => entry.controllers.includes('name=systemd'))?.path ?? null;
}

/**
 * A unit is the first path component that is not a slice; below `user@UID.service` the user
 * manager starts a second tree of slices and units. Deeper components are the unit's own
 * sub-cgroups (Delegate=yes), so the outer unit is the one to restart.
 */
function systemdUnitOf(path: string): ServiceManager | null {
  const parts = path.split('/').filter(Boolean);
  const unitAt = (from: number): number => {
    let i = from;
    while (i < parts.length && parts[i]?.endsWith('.slice')) i++;
    return i;
  };
  const systemIndex = unitAt(0);
  const systemUnit = parts[systemIndex];
  if (systemUnit === undefined) return null;
  const manager = USER_MANAGER.exec(systemUnit);
  if (manager?.[1]) {
    const userUnit = parts[unitAt(systemIndex + 1)];
    if (userUnit === undefined || !userUnit.endsWith('.service')) return null;
    return { kind: 'systemd', unit: userUnit, scope: 'user', uid: Number(manager[1]) };
  }
  if (!systemUnit.endsWith('.service')) return null;
  return { kind: 'systemd', unit: systemUnit, scope: 'system', uid: null };
}
