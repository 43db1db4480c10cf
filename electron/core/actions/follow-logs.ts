/** Following logs live: a growing log file, or the manager's own follow command. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandRunner } from './run-command.js';

/**
 * Writes what is appended to `file` to `sink` until `signal` aborts. Starts at the current end
 * (the caller has shown the tail); a truncated file (rotated, cleared) is read from its start.
 */
export async function followLogFile(
  file: string,
  sink: (text: string) => void,
  signal: AbortSignal,
  intervalMs = 250,
): Promise<void> {
  let offset = sizeOf(file);
  const pump = (): void => {
    const size = sizeOf(file);
    if (size < offset) offset = 0;
    if (size === offset) return;
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return; // Removed between stat and open (rotation): the next round sees the new file.
    }
    try {
      const buffer = Buffer.alloc(Math.min(size - offset, 1024 * 1024));
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      offset += read;
      sink(buffer.toString('utf8', 0, read));
    } finally {
      closeSync(fd);
    }
  };
  while (!signal.aborted) {
    pump();
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      // Aborted: one last read so nothing written just before the stop is lost.
      pump();
    }
  }
}

/** Runs a follow command (journalctl -f, docker logs -f) into `sink`; resolves with its exit status. */
export function followCommandOutput(
  argv: readonly string[],
  runner: CommandRunner,
  sink: (text: string) => void,
  signal: AbortSignal,
): Promise<number | null> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: runner.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stdout.setEncoding('utf8').on('data', sink);
    child.stderr.setEncoding('utf8').on('data', sink);
    const stop = (): void => void child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    child.once('error', (error) => {
      sink(`${file}: ${error.message}\n`);
      resolve(null);
    });
    child.once('close', (code) => {
      signal.removeEventListener('abort', stop);
      resolve(code);
    });
  });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
