/**
 * "Has any process or thread been created or reaped since?" for the price of one small read.
 *
 * /proc/loadavg ends with `running/total last-pid`: `total` is the number of tasks that exist
 * (every namespace; a zombie counts until it is reaped) and `last-pid` the pid most recently
 * allocated in our pid namespace. A task appears in /proc when it is created (the kernel
 * allocates its pid and counts it) and leaves /proc when it is reaped (uncounted). So when both
 * fields read the same as before, nothing was created meanwhile (the last pid would have moved),
 * hence nothing was reaped either (the count would have dropped): every /proc/<pid> that
 * existed then exists now and is the same process, and no pid was reused.
 *
 * Blind spot: in a container, a task created outside our pid namespace (the count rises, our
 * last pid does not move) while one of ours is reaped in the same interval. A dead process then
 * stays listed until the generation next moves or the resolver's periodic full rescan; no pid
 * can have been reused meanwhile (that needs a creation in our namespace). The pid counter coming
 * round to the very same value needs pid_max allocations (4 million by default on 64-bit Linux)
 * between two reads, with the task count back where it was.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** An opaque value that changes whenever a task is created or reaped; compare with `===`. */
export type TaskGeneration = string;

/** Reads the current generation; null when /proc/loadavg cannot tell (callers then assume a change). */
export type TaskGenerationSource = () => TaskGeneration | null;

const LOADAVG = /^\d+\.\d+ \d+\.\d+ \d+\.\d+ \d+\/(\d+) (\d+)\n?$/;

/** The generation in a /proc/loadavg text (`total last-pid`), or null when it has another shape. */
export function parseTaskGeneration(text: string): TaskGeneration | null {
  const match = LOADAVG.exec(text);
  return match ? `${match[1]} ${match[2]}` : null;
}

/**
 * /proc/loadavg, opened once: a read at offset 0 (pread) regenerates it, so a poll costs one
 * system call, not the five of a readFileSync (a tenth of a millisecond on a cold poll).
 */
let loadavg: number | null = null;
const buffer = Buffer.alloc(128);

/** The generation now, or null where /proc/loadavg is missing or unreadable (not Linux, odd mounts). */
export function readTaskGeneration(): TaskGeneration | null {
  try {
    loadavg ??= openSync('/proc/loadavg', 'r');
    const length = readSync(loadavg, buffer, 0, buffer.length, 0);
    return parseTaskGeneration(buffer.toString('latin1', 0, length));
  } catch {
    // The next call opens it again; callers treat null as "something may have changed".
    if (loadavg !== null) closeQuietly(loadavg);
    loadavg = null;
    return null;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing is left to release.
  }
}
