/**
 * Starting a command detached (its own session, so it outlives PortLens), its stdout and
 * stderr appended to a log file, optionally as another user (root restarting a user's process
 * must not leave it running as root).
 */
import { spawn } from 'node:child_process';
import { closeSync, writeSync } from 'node:fs';
import { PrivateFileError } from '../private-files.js';
import { openLogFile } from './log-files.js';

/** What to start and where its output goes. */
export interface LaunchSpec {
  command: readonly string[];
  /** argv[0] as the original process saw it (`node` rather than `/usr/bin/node`). */
  argv0: string | null;
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  /** Written to the log before the process starts. */
  header: string;
  /** Switch to this uid/gid (only when we run as root and the owner is someone else). */
  uid: number | null;
  gid: number | null;
}

/** A started process; `exit` is filled in if it ends while we are still watching. */
export interface Launched {
  pid: number;
  exit: { code: number | null; signal: string | null } | null;
}

/** The log file opened privately (see openLogFile), with the header written; else why not. */
function openLog(file: string, header: string): { ok: true; fd: number } | { ok: false; message: string } {
  let fd: number | null = null;
  try {
    fd = openLogFile(file);
    writeSync(fd, header);
    return { ok: true, fd };
  } catch (error) {
    if (fd !== null) closeSync(fd);
    if (error instanceof PrivateFileError) return { ok: false, message: error.message };
    return { ok: false, message: `cannot write the log file ${file}: ${(error as Error).message}` };
  }
}

/** Spawns the command; resolves once it started, or with the reason it could not. */
export function launchDetached(
  spec: LaunchSpec,
): Promise<{ ok: true; value: Launched } | { ok: false; message: string }> {
  const [file, ...args] = spec.command;
  if (file === undefined) return Promise.resolve({ ok: false, message: 'empty command' });
  const log = openLog(spec.logFile, spec.header);
  if (!log.ok) return Promise.resolve(log);
  const fd = log.fd;
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      windowsHide: true,
      ...(spec.argv0 ? { argv0: spec.argv0 } : {}),
      ...(spec.uid !== null ? { uid: spec.uid } : {}),
      ...(spec.gid !== null ? { gid: spec.gid } : {}),
    });
    const launched: Launched = { pid: child.pid ?? 0, exit: null };
    const done = (): void => closeSync(fd);
    child.once('error', (error) => {
      try {
        writeSync(fd, `PortLens could not start it: ${error.message}\n`);
      } catch {
        // The failure is reported to the caller either way.
      }
      done();
      resolve({ ok: false, message: `cannot start ${file}: ${error.message}` });
    });
    child.once('spawn', () => {
      done();
      launched.pid = child.pid ?? 0;
      child.unref();
      resolve({ ok: true, value: launched });
    });
    child.once('exit', (code, signal) => {
      launched.exit = { code, signal };
    });
  });
}
