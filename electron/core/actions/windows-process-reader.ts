/**
 * The ProcessReader on Windows: each question asks Windows afresh (a PowerShell Win32_Process
 * query, about half a second), except "is it gone?", which process.kill(pid, 0) answers at once.
 * When PowerShell or tasklist fails, a question about a live pid throws ProcessToolError (as the
 * ps reader does): the actions then report an error instead of "it has already ended".
 * Windows shows no other process's environment: restarting a plain process then needs the
 * user's consent to use PortLens's own (as on Linux for an unreadable environ).
 */
import { WindowsProcesses } from '../owners/windows/windows-processes.js';
import type { ProcessReader, ProcStatLite } from './deps.js';

/** How long after a whole-table read finished `info` may reuse it (the read itself takes about a second). */
const RECENT_TABLE_MS = 250;

/** Reads live Windows processes through `processes` (the real machine by default). */
export function createWindowsProcessReader(
  processes = new WindowsProcesses(),
  alive: (pid: number) => boolean = isAlive,
): ProcessReader {
  const stat = (pid: number): ProcStatLite | null => {
    const info = alive(pid) ? processes.readOne(pid, { services: false }) : null;
    // Windows has no zombies to tell apart: a listed process is running.
    return info && { pid, comm: info.name, state: 'R', ppid: info.ppid, startTime: info.startTime };
  };
  return {
    stat,
    info: (pid) =>
      alive(pid)
        ? (processes.recentInfo(pid, RECENT_TABLE_MS) ?? processes.readOne(pid, { services: true }))
        : null,
    environ: () => ({ ok: false, reason: 'permission' }),
    descendants: (pid) => processes.descendants(pid),
    // The System Idle Process (0) and System (4) are the kernel's, never a program's.
    isKernelThread: (pid) => pid === 0 || pid === 4,
    gid: () => null,
  };
}

/** Whether a process with this pid exists now (EPERM: it exists, we may not touch it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
