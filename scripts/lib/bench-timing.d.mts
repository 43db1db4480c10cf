/** Types for bench-timing.mjs. */

/** How one run of a command went. `stdout`/`stderr` are set only with `capture`. */
export type CommandRun =
  | { status: 'ok'; ms: number; cpuMs: number | null; stdout?: string; stderr?: string }
  | { status: 'failed'; ms?: number; reason: string; stdout?: string; stderr?: string }
  | { status: 'not-installed' };

/** Runs a command once (stdio on /dev/null unless `capture`) and times spawn → exit. */
export function timeCommand(
  command: string,
  args: readonly string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; capture?: boolean },
): Promise<CommandRun>;

/** Wall time of one call of `fn`, its result, and its CPU ms (this process + children reaped meanwhile). */
export function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }>;

/** SIGTERM to every child timeCommand started that is still running. */
export function killRunning(): void;
