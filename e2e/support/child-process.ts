/**
 * Child processes for the e2e tests: start one, wait for a line it prints, and stop exactly it
 * (by its own pid: SIGTERM, then SIGKILL if it lingers).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A started child and what it printed. */
export interface StartedChild {
  child: ChildProcess;
  pid: number;
  /** Everything it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Stops the child (SIGTERM, SIGKILL after `graceMs`) and resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command` and resolves with the first match of `ready` in its stdout, or rejects
 * (after killing it) if it exits or prints nothing matching within `timeoutMs`.
 */
export async function startChild(
  command: string,
  args: string[],
  ready: RegExp,
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<{ started: StartedChild; match: RegExpExecArray }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const started: StartedChild = {
    child,
    pid: child.pid as number,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const timeoutMs = options.timeoutMs ?? 20_000;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`printed nothing matching ${ready} within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      void started.stop(0).then(() => reject(new Error(`${command} ${args.join(' ')} ${why}:\n${output}`)));
    };
    const onError = (error: Error): void => fail(`failed to start (${error.message})`);
    const onExit = (code: number | null, signal: string | null): void => fail(`exited (${signal ?? code}) before it was ready`);
    child.once('error', onError);
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
      const found = ready.exec(stdout);
      if (found) {
        clearTimeout(timer);
        child.off('error', onError);
        child.off('exit', onExit);
        resolve(found);
      }
    });
  });
  return { started, match };
}
