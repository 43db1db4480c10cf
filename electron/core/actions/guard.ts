/**
 * The refusal check: processes PortLens never signals, whoever asks. Pure over what the
 * ProcessReader says, so tests prove each refusal without sending anything.
 */
import { win32 } from 'node:path';
import { readProcText } from '../owners/proc-files.js';
import { system32 } from '../owners/windows/system-programs.js';
import type { ProcessReader } from './deps.js';

/** The facts the guard decides on. */
export interface GuardSubject {
  pid: number;
  ppid: number;
  name: string;
  /** The program's path when known (Windows's critical processes are told apart by it). */
  exe?: string | null;
  /** The action restarts the one Windows service it hosts (Restart-Service), not ending it by pid. */
  restartsItsService?: boolean;
}

/** PortLens's own position in the process tree. */
export interface GuardContext {
  selfPid: number;
  /** Our parent, its parent, ... up to (not including) pid 0. */
  ancestors: ReadonlySet<number>;
  isKernelThread(pid: number, ppid: number): boolean;
  /**
   * True when `pid` names a thread, not a process: /proc/<tid>/stat reads like its process's,
   * so a thread id of PortLens or an ancestor would pass the checks above, and kill(tid)
   * signals the whole process.
   */
  isThread(pid: number): boolean;
  /** On Windows, %SystemRoot%\System32 (where its critical processes run from); null elsewhere. */
  windowsSystem32: string | null;
}

/** True when /proc/<pid>/status says its thread group is another pid's. */
export function isThreadId(pid: number): boolean {
  const status = readProcText(pid, 'status');
  if (typeof status !== 'string') return false;
  const tgid = /^Tgid:\s*(\d+)/m.exec(status)?.[1];
  return tgid !== undefined && Number(tgid) !== pid;
}

/** Deepest parent chain we follow; real chains are a dozen links. */
const MAX_DEPTH = 256;

/** Builds the guard context now (the ancestor chain can change when a parent exits). */
export function guardContext(
  reader: ProcessReader,
  selfPid: number,
  platform: NodeJS.Platform = process.platform,
): GuardContext {
  const windows = platform === 'win32';
  const ancestors = new Set<number>();
  let child = reader.stat(selfPid);
  let pid = child?.ppid ?? 0;
  while (pid > 0 && !ancestors.has(pid) && ancestors.size < MAX_DEPTH) {
    const parent = reader.stat(pid);
    // Windows keeps a dead parent's pid in its children and reuses pids: a "parent" that is gone,
    // or was created after its child, is not an ancestor (its start time is CreationDate in ms).
    if (windows && (parent === null || child === null || parent.startTime > child.startTime)) break;
    ancestors.add(pid);
    child = parent;
    pid = parent?.ppid ?? 0;
  }
  return {
    selfPid,
    ancestors,
    isKernelThread: (p, pp) => reader.isKernelThread(p, pp),
    isThread: isThreadId,
    windowsSystem32: windows ? system32() : null,
  };
}

/** Windows processes whose end stops Windows (a bugcheck) or restarts it, by lower-case name. */
const WINDOWS_CRITICAL = new Set([
  'smss.exe',
  'csrss.exe',
  'wininit.exe',
  'winlogon.exe',
  'services.exe',
  'lsass.exe',
  'lsaiso.exe',
]);

/** A Windows system directory on any drive, lower-cased: `c:\windows\system32`, `d:\win\syswow64`. */
const SYSTEM_DIRECTORY = /^[a-z]:\\(?:[^\\]+\\)*(?:system32|syswow64)$/;

/** Why Windows must not lose this process, or null; only System32's (or an unknown path's) count. */
function windowsRefusal(subject: GuardSubject, inSystem32: string): string | null {
  const name = subject.name.toLowerCase();
  const exe = subject.exe ? normalizedWindowsPath(subject.exe, inSystem32) : null;
  // Any drive's System32 or SysWOW64 counts, not only %SystemRoot%'s: the environment is the
  // user's to change, and a changed SystemRoot must not let csrss or lsass through.
  if (exe !== null && !exe.startsWith(`${inSystem32.toLowerCase()}\\`) && !SYSTEM_DIRECTORY.test(win32.dirname(exe))) return null;
  if (WINDOWS_CRITICAL.has(name))
    return 'is a critical Windows process; ending it makes Windows stop with a blue screen or restart';
  // Restart-Service is what the refusal advises: a service alone in its svchost may restart so.
  if (name === 'svchost.exe' && subject.restartsItsService !== true)
    return (
      'hosts Windows services, and ending it ends them all (the one hosting RpcSs restarts Windows); ' +
      'restart the service instead, in the Services app or with Restart-Service'
    );
  return null;
}

/** `exe` lower-cased and normalized (`..` resolved), without `\\?\` or `\??\`, `\SystemRoot\` spelled out. */
function normalizedWindowsPath(exe: string, inSystem32: string): string {
  const plain = exe.replace(/^\\\\\?\\|^\\\?\?\\/, '').replace(/^\\SystemRoot\\/i, `${win32.dirname(inSystem32)}\\`);
  return win32.normalize(plain).toLowerCase();
}

/** Why PortLens refuses to signal this process, or null when it may. */
export function guardProcess(subject: GuardSubject, context: GuardContext): string | null {
  const who = `pid ${subject.pid} (${subject.name})`;
  if (context.isThread(subject.pid)) return `${who} is a thread id, not a process id; name the process`;
  if (subject.pid === 1)
    return `${who} is the init process; ending it would take the whole system (or container) down`;
  if (subject.pid === context.selfPid) return `${who} is PortLens itself`;
  if (context.ancestors.has(subject.pid)) {
    return `${who} is an ancestor of PortLens (the shell, terminal or app that runs it); ending it would end PortLens too`;
  }
  if (context.isKernelThread(subject.pid, subject.ppid))
    return `${who} is a kernel thread; it has no program to end or restart`;
  const windows = context.windowsSystem32 === null ? null : windowsRefusal(subject, context.windowsSystem32);
  if (windows) return `${who} ${windows}`;
  return null;
}
