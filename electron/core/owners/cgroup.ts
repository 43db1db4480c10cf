/** /proc/<pid>/cgroup: where systemd and Docker put a process, which tells who manages it. */
import { ParseError } from '../model.js';

/** One line of /proc/<pid>/cgroup: `hierarchy-id:controllers:path`. */
export interface CgroupEntry {
  /** 0 for the cgroup v2 unified hierarchy. */
  hierarchy: number;
  /** Empty for v2; e.g. `['cpu', 'cpuacct']` or `['name=systemd']` for v1. */
  controllers: string[];
  /** Absolute path inside the hierarchy, e.g. `/system.slice/nginx.service`. */
  path: string;
}

const WHAT = '/proc/<pid>/cgroup';
const CONTAINER_ID = /^[0-9a-f]{64}$/;
const DOCKER_SCOPE = /^docker-([0-9a-f]{64})\.scope$/;

/** Parses /proc/<pid>/cgroup text. Throws ParseError on a line of another shape. */
export function parseCgroup(text: string): CgroupEntry[] {
  const entries: CgroupEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const first = line.indexOf(':');
    const second = first < 0 ? -1 : line.indexOf(':', first + 1);
    if (second < 0) throw new ParseError(WHAT, 'expected "id:controllers:path"', i + 1);
    const id = line.slice(0, first);
    if (!/^\d{1,9}$/.test(id)) throw new ParseError(WHAT, `bad hierarchy id ${JSON.stringify(id)}`, i + 1);
    // The path is everything after the second colon: a cgroup name may itself contain colons.
    const path = line.slice(second + 1);
    if (!path.startsWith('/'))
      throw new ParseError(WHAT, `path is not absolute: ${JSON.stringify(path)}`, i + 1);
    const controllers = line
      .slice(first + 1, second)
      .split(',')
      .filter(Boolean);
    entries.push({ hierarchy: Number(id), controllers, path });
  }
  return entries;
}

/** The Docker container id in any hierarchy: `docker-<id>.scope` (systemd driver) or `/docker/<id>` (cgroupfs). */
export function dockerContainerOf(entries: readonly CgroupEntry[]): string | null {
  for (const { path } of entries) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const scope = DOCKER_SCOPE.exec(part);
      if (scope?.[1]) return scope[1];
      const next = parts[i + 1];
      if (part === 'docker' && next !== undefined && CONTAINER_ID.test(next)) return next;
    }
  }
  return null;
}
