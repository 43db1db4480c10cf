/**
 * The two /proc facts actions need that the owners module does not parse: the task flags
 * (to recognise kernel threads) and the primary group (to relaunch a process as its own user).
 */
import { readProcText } from '../owners/proc-files.js';

/** PF_KTHREAD from include/linux/sched.h: set on every kernel thread. */
const PF_KTHREAD = 0x00200000;

/** Field 9 of /proc/<pid>/stat (flags), or null when the process is gone or the text is odd. */
export function readTaskFlags(pid: number): number | null {
  const text = readProcText(pid, 'stat');
  if (text === 'gone' || text === 'permission') return null;
  // Fields after the name start at field 3 (state); flags is field 9, so index 6 after the last ')'.
  const fields = text
    .slice(text.lastIndexOf(')') + 1)
    .trim()
    .split(' ');
  const flags = fields[6];
  return flags !== undefined && /^\d{1,20}$/.test(flags) ? Number(flags) : null;
}

/**
 * True for a kernel thread: kthreadd (pid 2), its children (ppid 2), or anything whose task
 * flags carry PF_KTHREAD. These have no user-space program to end or restart.
 */
export function isKernelThread(pid: number, ppid: number): boolean {
  if (pid === 2 || ppid === 2) return true;
  const flags = readTaskFlags(pid);
  return flags !== null && (flags & PF_KTHREAD) !== 0;
}

/** The real primary gid from /proc/<pid>/status (`Gid:` line), or null when unreadable. */
export function readPrimaryGid(pid: number): number | null {
  const text = readProcText(pid, 'status');
  if (text === 'gone' || text === 'permission') return null;
  const match = /^Gid:\s+(\d+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}
