/**
 * Reading /proc without surprises: a process can vanish between any two reads, and another
 * user's files answer EACCES. These helpers turn those expected errors into values so callers
 * never need try/catch; anything else (EMFILE, EIO) is a real fault and is rethrown.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** Why a /proc read gave no data. */
export type ProcFailure = 'gone' | 'permission';

/** Classifies an fs error: the process went away, or we may not look; null for anything else. */
export function procFailureOf(error: unknown): ProcFailure | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // ESRCH: the task died while its file was open; ENOENT: it is gone (or never existed).
  if (code === 'ENOENT' || code === 'ESRCH') return 'gone';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  return null;
}

/** True for a pid worth asking /proc about (a positive safe integer). */
export function isPid(pid: number): boolean {
  return Number.isSafeInteger(pid) && pid > 0;
}

/** `/proc/<pid>/<file>` as UTF-8 text, or the reason it could not be read. */
export function readProcText(pid: number, file: string): string | ProcFailure {
  return procRead(`/proc/${pid}/${file}`, readText);
}

/** `/proc/<pid>/<file>` as bytes (cmdline, environ hold NUL-separated strings). */
export function readProcBytes(pid: number, file: string): Buffer | ProcFailure {
  return procRead(`/proc/${pid}/${file}`, readBytes);
}

/** The target of `/proc/<pid>/<link>` (exe, cwd), or null when gone or not ours to read. */
export function readProcLink(pid: number, link: string): string | null {
  try {
    return readlinkSync(`/proc/${pid}/${link}`);
  } catch (error) {
    if (procFailureOf(error)) return null;
    throw error;
  }
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function readBytes(path: string): Buffer {
  return readFileSync(path);
}

/** `read(path)`, or why /proc would not let us (any other error is thrown). */
function procRead<T>(path: string, read: (path: string) => T): T | ProcFailure {
  try {
    return read(path);
  } catch (error) {
    const failure = procFailureOf(error);
    if (failure) return failure;
    throw error;
  }
}

/** Splits NUL-separated strings (cmdline, environ); a trailing NUL ends the last one. */
export function splitNul(data: Buffer): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) {
      parts.push(data.toString('utf8', start, i));
      start = i + 1;
    }
  }
  if (start < data.length) parts.push(data.toString('utf8', start));
  return parts;
}

/** Parses a /proc directory entry name as a pid; NaN for `self`, `net` and other non-pids. */
export function pidFromName(name: string): number {
  const length = name.length;
  if (length === 0 || length > 10) return NaN;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = name.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value > 0 ? value : NaN;
}
