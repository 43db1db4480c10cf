/**
 * The refusal check: processes PortLens never signals, whoever asks. Pure over what the
 * ProcessReader says, so tests prove each refusal without sending anything.
 */
import { readProcText } from '../owners/proc-files.js';
import type { ProcessReader } from './deps.js';

/** The facts the guard decides on. */
export interface GuardSubject {
  pid: number;
  ppid: number;
  name: string;
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
export function guardContext(reader: ProcessReader, selfPid: number): GuardContext {
  const ancestors = new Set<number>();
  let pid = reader.stat(selfPid)?.ppid ?? 0;
  while (pid > 0 && !ancestors.has(pid) && ancestors.size < MAX_DEPTH) {
    ancestors.add(pid);
    pid = reader.stat(pid)?.ppid ?? 0;
  }
  return { selfPid, ancestors, isKernelThread: (p, pp) => reader.isKernelThread(p, pp), isThread: isThreadId };
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
  return null;
}
