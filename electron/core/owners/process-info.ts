/** Everything PortLens shows about one process, read from /proc/<pid>/*. */
import { basename } from 'node:path';
import { type ProcessInfo, type ServiceManager, ParseError } from '../model.js';
import { ticksToEpochMs } from './boot-clock.js';
import { dockerContainerForAddress } from './docker-proxy.js';
import { readEnviron } from './environ.js';
import { readProcBytes, readProcLink, readProcText, splitNul } from './proc-files.js';
import { type ProcStat, processIdentity, readStat } from './proc-stat.js';
import { detectServiceManager } from './service-manager.js';
import { userName } from './user-names.js';

/** The kernel keeps 15 bytes of a task name (TASK_COMM_LEN 16 with the NUL). */
const COMM_MAX = 15;

/** Real uid and thread-group id from /proc/<pid>/status. Throws ParseError if either is missing. */
export function parseStatus(text: string): { uid: number; tgid: number } {
  const uid = /^Uid:\s+(\d+)/m.exec(text)?.[1];
  const tgid = /^Tgid:\s+(\d+)/m.exec(text)?.[1];
  if (uid === undefined || tgid === undefined)
    throw new ParseError('/proc/<pid>/status', 'no Uid or Tgid line');
  return { uid: Number(uid), tgid: Number(tgid) };
}

/**
 * The name to show: `comm`, unless the kernel cut it at 15 bytes and argv[0] or the
 * executable's basename is the longer name it was cut from.
 */
export function displayName(comm: string, argv: readonly string[], exe: string | null): string {
  if (Buffer.byteLength(comm) < COMM_MAX) return comm;
  const candidates = [argv[0], exe?.replace(/ \(deleted\)$/, '')];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const base = basename(candidate);
    if (base.length > comm.length && base.startsWith(comm)) return base;
  }
  return comm;
}

/**
 * Reads a process's info, or null when it does not exist (or exits while being read, or `pid`
 * is a thread id rather than a process id). Another user's exe, cwd and environment are
 * unreadable without root: exe and cwd are then null and pm2 detection is skipped.
 */
export function readProcessInfo(pid: number): ProcessInfo | null {
  // A pid reused between our first and last read would mix two processes: read again once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const stat = readStat(pid);
    if (!stat) return null;
    const info = readOnce(stat);
    if (!info) return null;
    const after = processIdentity(pid);
    if (!after) return null;
    if (after.startTime === stat.startTime) return info;
  }
  return null;
}

function readOnce(stat: ProcStat): ProcessInfo | null {
  const { pid } = stat;
  const status = readProcText(pid, 'status');
  const cmdline = readProcBytes(pid, 'cmdline');
  if (status === 'gone' || status === 'permission' || cmdline === 'gone' || cmdline === 'permission')
    return null;
  const { uid, tgid } = parseStatus(status);
  if (tgid !== pid) return null;
  const argv = splitNul(cmdline);
  const exe = readProcLink(pid, 'exe');
  return {
    pid,
    startTime: stat.startTime,
    startedAt: ticksToEpochMs(stat.startTime),
    name: displayName(stat.comm, argv, exe),
    exe,
    argv,
    cwd: readProcLink(pid, 'cwd'),
    uid,
    user: userName(uid),
    ppid: stat.ppid,
    service: serviceOf(pid, argv),
  };
}

function serviceOf(pid: number, argv: string[]): ServiceManager | null {
  const cgroup = readProcText(pid, 'cgroup');
  if (cgroup === 'gone' || cgroup === 'permission') return null;
  const environ = readEnviron(pid);
  try {
    return detectServiceManager({
      cgroup,
      environ: environ.ok ? environ.env : null,
      argv,
      containerForAddress: dockerContainerForAddress,
    });
  } catch (error) {
    // A cgroup file the kernel cannot write: show the process without a manager, not nothing.
    if (error instanceof ParseError) return null;
    throw error;
  }
}
