/** Names of errno values, for error messages a person can act on. */
import { constants } from 'node:os';

const names = new Map<number, string>();
for (const [name, value] of Object.entries(constants.errno)) {
  if (!names.has(value)) names.set(value, name);
}

/** `EACCES` for 13, `errno 999` for a value this platform does not name. */
export function errnoName(errno: number): string {
  return names.get(errno) ?? `errno ${errno}`;
}
