/**
 * /proc/<pid>/stat: the cheapest read that tells a process's name, parent and identity.
 * A pid alone is reused by the kernel; (pid, start time) is not.
 */
import { ParseError } from '../model.js';
import { isPid, readProcText } from './proc-files.js';

/** The fields of /proc/<pid>/stat PortLens uses. */
export interface ProcStat {
  pid: number;
  /** The kernel's task name (`comm`): at most 15 bytes, may contain spaces and parentheses. */
  comm: string;
  /** One-letter state: R, S, D, Z, T, t, X, I, ... */
  state: string;
  ppid: number;
  /** Field 22: start time in clock ticks since boot. */
  startTime: number;
}

/** A process's identity: a pid is reused, a (pid, start time) pair is not. */
export interface ProcessIdentity {
  pid: number;
  startTime: number;
}

const WHAT = '/proc/<pid>/stat';
const STATE = /^[A-Za-z]$/;
const DIGITS = /^\d{1,19}$/;

/**
 * Parses the text of /proc/<pid>/stat. The name sits between the first `(` and the LAST `)`,
 * because a name may itself contain `) (` and spaces. Throws ParseError on anything else.
 */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open + 2) throw new ParseError(WHAT, 'no "pid (name)" prefix');
  const pid = integer(text.slice(0, open), 'pid');
  if (pid <= 0) throw new ParseError(WHAT, `pid ${pid} is not positive`);
  const comm = text.slice(open + 2, close);
  // After the name: " S ppid pgrp ..."; field k (1-based, pid = 1, name = 2) is fields[k - 3].
  const fields = text
    .slice(close + 1)
    .trim()
    .split(' ');
  if (fields.length < 20) throw new ParseError(WHAT, `${fields.length + 2} fields, expected at least 22`);
  const state = fields[0] ?? '';
  if (!STATE.test(state)) throw new ParseError(WHAT, `bad state ${JSON.stringify(state)}`);
  return { pid, comm, state, ppid: integer(fields[1], 'ppid'), startTime: integer(fields[19], 'starttime') };
}

function integer(field: string | undefined, name: string): number {
  if (field === undefined || !DIGITS.test(field)) {
    throw new ParseError(WHAT, `${name} is not a non-negative integer: ${JSON.stringify(field)}`);
  }
  const value = Number(field);
  if (!Number.isSafeInteger(value)) throw new ParseError(WHAT, `${name} out of range: ${field}`);
  return value;
}

/** Reads and parses /proc/<pid>/stat; null when no such process exists (any more). */
export function readStat(pid: number): ProcStat | null {
  if (!isPid(pid)) return null;
  const text = readProcText(pid, 'stat');
  // stat is world-readable; 'permission' would mean a hardened /proc (hidepid): treat as absent.
  if (text === 'gone' || text === 'permission') return null;
  return parseStat(text);
}

/** The identity of `pid` now, or null when it is gone. */
export function processIdentity(pid: number): ProcessIdentity | null {
  const stat = readStat(pid);
  return stat ? { pid: stat.pid, startTime: stat.startTime } : null;
}
