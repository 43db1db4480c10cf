/**
 * Running the service managers' own tools (systemctl, docker, pm2, journalctl). One place owns
 * the environment they run with, so tests put stub executables first on PATH here.
 */
import { spawn } from 'node:child_process';

/** How a command ended; `output` holds stdout and stderr interleaved as they arrived. */
export type CommandOutcome =
  | { ok: true; code: number; stdout: string; stderr: string; output: string }
  | { ok: false; reason: 'not-found' | 'timeout' | 'error'; message: string; output: string };

/** Runs commands by argv (never through a shell). */
export interface CommandRunner {
  /** The environment commands run with (and long-running followers are spawned with). */
  readonly env: NodeJS.ProcessEnv;
  run(argv: readonly string[], options?: { timeoutMs?: number }): Promise<CommandOutcome>;
}

/** Output beyond this is cut (from the front: the end of a log is the part that matters). */
const MAX_OUTPUT = 4 * 1024 * 1024;

/** A runner over child_process.spawn with `env` (default: this process's environment). */
export function createCommandRunner(env: NodeJS.ProcessEnv = process.env): CommandRunner {
  return {
    env,
    run(argv, options = {}) {
      const [file, ...args] = argv;
      if (file === undefined)
        return Promise.resolve({ ok: false, reason: 'error', message: 'empty command', output: '' });
      const timeoutMs = options.timeoutMs ?? 60_000;
      return new Promise((resolve) => {
        const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        let stdout = '';
        let stderr = '';
        let output = '';
        let timedOut = false;
        const keep = (text: string): string => (text.length > MAX_OUTPUT ? text.slice(-MAX_OUTPUT) : text);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout = keep(stdout + chunk);
          output = keep(output + chunk);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr = keep(stderr + chunk);
          output = keep(output + chunk);
        });
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs);
        child.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          const reason = error.code === 'ENOENT' ? 'not-found' : 'error';
          const message =
            reason === 'not-found'
              ? `${file} is not installed (not found on PATH)`
              : `${file}: ${error.message}`;
          resolve({ ok: false, reason, message, output });
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (timedOut)
            resolve({
              ok: false,
              reason: 'timeout',
              message: `${argv.join(' ')} did not finish within ${timeoutMs} ms`,
              output,
            });
          else if (code === null)
            resolve({
              ok: false,
              reason: 'error',
              message: `${file} was ended by ${signal ?? 'a signal'}`,
              output,
            });
          else resolve({ ok: true, code, stdout, stderr, output });
        });
      });
    },
  };
}
