/** The CLI's streams on this process, and how it leaves: shared by both entries. */
import type { CliIo } from './io.js';

/** This process's stdio as a CliIo; an EPIPE on stdout (`portlens list | head`) ends it with 0. */
export function processIo(): CliIo {
  // EPIPE is a normal end, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    // https://no-color.org: a non-empty NO_COLOR turns colour off.
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    // A file, pipe or terminal stream calls back once the bytes reached the kernel.
    stdoutBytes: (chunk, done) => process.stdout.write(chunk, () => done()),
  };
}

/**
 * Flushes stdout, then exits with `code`. Long-running commands (watch, serve, logs --follow)
 * return only when they are done, so leaving then is right for every command.
 */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.exit(code));
}
