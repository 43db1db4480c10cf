/** Process identity checks: a pid is reused by the kernel, (pid, start time) is not. */
import type { ProcessReader } from './deps.js';

/** `same`: the process we mean; `gone`: it ended (or is a zombie); `different`: the pid was reused. */
export type IdentityState = 'same' | 'gone' | 'different';

/** Compares what /proc says about `pid` now with the start time the user saw. */
export function identityOf(reader: ProcessReader, pid: number, startTime: number): IdentityState {
  const stat = reader.stat(pid);
  if (!stat) return 'gone';
  if (stat.startTime !== startTime) return 'different';
  // A zombie has closed its files and released its ports: it has ended, only unreaped.
  if (stat.state === 'Z' || stat.state === 'X') return 'gone';
  return 'same';
}
