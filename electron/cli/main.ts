/** Entry point of the `portlens` bundle (dist/node/cli.mjs): runs the CLI on this process. */
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  // A file, pipe or terminal stream calls back once the bytes reached the kernel.
  stdoutBytes: (chunk, done) => process.stdout.write(chunk, () => done()),
};
// EPIPE (e.g. `portlens list | head`) is a normal end, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
const code = await runCli(process.argv.slice(2), io);
// Long-running commands (watch, serve, logs --follow) return only when they are done, so
// leaving now is right for every command: flush stdout, then exit.
process.stdout.write('', () => process.exit(code));
