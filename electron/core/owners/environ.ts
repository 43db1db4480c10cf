/** A process's environment (/proc/<pid>/environ): pm2 marks its children there. */
import { isPid, readProcBytes, splitNul } from './proc-files.js';

/** The environment, or why it is unreadable (another user's process, or it exited). */
export type EnvironResult =
  { ok: true; env: Record<string, string> } | { ok: false; reason: 'permission' | 'gone' };

/**
 * Parses NUL-separated `NAME=value` entries. Like getenv(), the first entry of a name wins and
 * entries without `=` or with an empty name are skipped (execve allows them; no program can
 * read them). The result has no prototype, so a name like `__proto__` is just a name.
 */
export function parseEnviron(data: Buffer): Record<string, string> {
  const env = Object.create(null) as Record<string, string>;
  for (const entry of splitNul(data)) {
    const equals = entry.indexOf('=');
    if (equals <= 0) continue;
    const name = entry.slice(0, equals);
    if (!(name in env)) env[name] = entry.slice(equals + 1);
  }
  return env;
}

/** Reads /proc/<pid>/environ. Not readable for other users' processes unless we are root. */
export function readEnviron(pid: number): EnvironResult {
  if (!isPid(pid)) return { ok: false, reason: 'gone' };
  const data = readProcBytes(pid, 'environ');
  if (data === 'gone' || data === 'permission') return { ok: false, reason: data };
  return { ok: true, env: parseEnviron(data) };
}
