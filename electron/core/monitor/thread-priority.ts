/**
 * The monitor polls in the background: on a busy machine the user's programs, and the thread
 * that serves PortLens's own window, should get the CPU first. A 20,000-socket poll takes about
 * a tenth of a second of CPU; at normal priority it competed with the browser loading the page
 * it was about to fill (on 2 cores the server's thread then waited for a CPU for a few hundred
 * milliseconds before it could send the first frame).
 */
import { getPriority, setPriority } from 'node:os';

/** The nice value of the monitor's worker thread (0 is normal, 19 the lowest priority). */
export const MONITOR_NICE = 10;

/** What `lowerThreadPriority` needs from the OS (node:os and the platform; tests pass a stub). */
export interface PriorityApi {
  platform: NodeJS.Platform;
  /** The calling thread's nice value. */
  getPriority(): number;
  setPriority(priority: number): void;
}

const OS_PRIORITY: PriorityApi = {
  platform: process.platform,
  getPriority: () => getPriority(),
  setPriority: (priority) => setPriority(priority),
};

/**
 * Lowers the calling thread's priority to `nice` (never raises it). Only on Linux, where a
 * nice value belongs to a thread: `setpriority(PRIO_PROCESS, 0, …)` changes only the calling
 * thread there, while elsewhere it would slow the whole process, window included. Returns
 * whether the thread now runs at `nice` or lower.
 */
export function lowerThreadPriority(nice: number = MONITOR_NICE, os: PriorityApi = OS_PRIORITY): boolean {
  if (os.platform !== 'linux') return false;
  try {
    if (os.getPriority() < nice) os.setPriority(nice);
    return os.getPriority() >= nice;
  } catch {
    // Not permitted (a sandbox): polling at normal priority still works.
    return false;
  }
}
