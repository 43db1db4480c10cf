/**
 * The per-service log files PortLens writes when it restarts a plain process:
 * `<dataDir>/logs/<name>-<port>.log`, appended, one header line per start.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { shellQuote } from '../../contract/display-text.js';
import { checkPrivateFile, openPrivateAppend } from '../private-files.js';

/** The logs directory under a data directory. */
export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** A file-name-safe form of a process name (comm may hold spaces, slashes, anything). */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(0, 64) || 'process';
}

/** The log file for a process name and its (first) port; `<name>.log` when it listens on none. */
export function logFilePath(dataDir: string, name: string, port: number | null): string {
  return join(logsDir(dataDir), `${safeName(name)}${port === null ? '' : `-${port}`}.log`);
}

/**
 * Opens a log file (a `logFilePath`) to append to: the data and logs directories private
 * (0700, ours), the file created 0600, never through a link, and refused with a
 * PrivateFileError if it is not ours or others can write it (see private-files).
 */
export function openLogFile(file: string): number {
  return openPrivateAppend(file, dataDirOf(file));
}

/**
 * Throws the PrivateFileError `openLogFile` would, without creating the file: checked before
 * a restart stops anything, so an unusable log does not leave the service stopped.
 */
export function checkLogFile(file: string): void {
  checkPrivateFile(file, dataDirOf(file));
}

/** `<dataDir>/logs/<name>.log` → `<dataDir>`. */
function dataDirOf(file: string): string {
  return dirname(dirname(file));
}

/** The first existing log file for this name on any of these ports, else null. */
export function findLogFile(dataDir: string, name: string, ports: readonly number[]): string | null {
  const candidates = ports.length
    ? ports.map((port) => logFilePath(dataDir, name, port))
    : [logFilePath(dataDir, name, null)];
  return candidates.find((file) => existsSync(file)) ?? null;
}

/** The header line written before each start. */
export function startHeader(
  time: number,
  command: readonly string[],
  cwd: string,
  replacedPid: number,
): string {
  return `=== ${new Date(time).toISOString()} PortLens restart of pid ${replacedPid}: ${command.map(quoteArg).join(' ')} (cwd ${cwd}) ===\n`;
}

/** Shell-like quoting for display only (commands are always run by argv, never by a shell). */
export const quoteArg = shellQuote;

/** Bytes read from the end of a file before giving up on finding more lines. */
const MAX_TAIL_BYTES = 8 * 1024 * 1024;

/** The last `lines` lines of a file (reading backwards in chunks); '' when it cannot be read. */
export function tailLines(file: string, lines: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    while (position > 0 && size - position < MAX_TAIL_BYTES && newlines <= lines) {
      const length = Math.min(64 * 1024, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      readSync(fd, chunk, 0, length, position);
      chunks.unshift(chunk);
      for (const byte of chunk) if (byte === 10) newlines++;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return '';
    const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    // The first line may be partial when we stopped reading mid-file.
    const complete = position > 0 ? all.slice(1) : all;
    const kept = complete.slice(-lines);
    return kept.length ? `${kept.join('\n')}\n` : '';
  } finally {
    closeSync(fd);
  }
}
