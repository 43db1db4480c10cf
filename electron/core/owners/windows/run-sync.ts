/**
 * Running a Windows tool synchronously (the snapshot pipeline's process lookup is synchronous, as
 * the collectors are), behind a type tests replace with a stand-in fed real captures.
 */
import { spawnSync } from 'node:child_process';

/** How a command ended: its exit status (null when it could not run or was killed) and output. */
export interface SyncRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run or finish (not found, timed out), when it did not. */
  error: string | null;
}

/** Runs argv (never through a shell) with extra environment variables. */
export type SyncRunner = (argv: readonly string[], env?: Readonly<Record<string, string>>) => SyncRun;

/** Room for the JSON of thousands of processes with long command lines. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** The real runner, over spawnSync, killing a command after `timeoutMs`. */
export function spawnSyncRunner(timeoutMs = 30_000): SyncRunner {
  return (argv, env = {}) => {
    const [file = '', ...args] = argv;
    const result = spawnSync(file, args, {
      encoding: 'utf8',
      maxBuffer: MAX_OUTPUT_BYTES,
      timeout: timeoutMs,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const error = result.error ? `${file}: ${result.error.message}` : result.signal ? `${file} was ended by ${result.signal}` : null;
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error };
  };
}
