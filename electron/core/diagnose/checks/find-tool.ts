/**
 * Finds a system tool: the system's directories first (a user's PATH may lack sbin, and as root
 * a PATH entry another user can write must not choose the firewall tool), then PATH's absolute
 * entries.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export function findTool(name: string): string | null {
  const system = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  const dirs = [...system, ...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin'];
  for (const dir of dirs) {
    if (!isAbsolute(dir)) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}
