/**
 * Runs ps, lsof and id for the process table: synchronously for the actions (whose reader is
 * synchronous), asynchronously for the snapshot pipeline. Always in the C locale and UTC, so
 * `lstart` and lsof's output read the same on every machine.
 */
import { execFile, spawnSync } from 'node:child_process';

/** One tool call, and the exit statuses that still mean "this is the answer". */
export interface ToolCall {
  command: 'ps' | 'lsof' | 'id';
  args: readonly string[];
  /** ps and lsof exit 1 when none of the pids exists; `id` when the uid has no name. */
  okStatuses: readonly number[];
}

/** What a call printed, and its exit status. */
export interface ToolAnswer {
  stdout: string;
  status: number;
}

/** A tool that could not be run or failed: the processes it was to read stay unknown. */
export class ProcessToolError extends Error {
  override readonly name = 'ProcessToolError';
}

const TIMEOUT_MS = 10_000;
/** Room for the command lines of thousands of processes. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

function options() {
  return {
    encoding: 'utf8' as const,
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
    env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
  };
}

function describe(call: ToolCall): string {
  return `${call.command} ${call.args.join(' ')}`.slice(0, 200);
}

function checked(call: ToolCall, status: number | null, stdout: string, stderr: string, why?: string): ToolAnswer {
  if (status === null || !(status === 0 || call.okStatuses.includes(status)))
    throw new ProcessToolError(`${describe(call)} failed (${why ?? `exit status ${status}`}): ${stderr.trim().slice(0, 300)}`);
  return { stdout, status };
}

/** Runs `call` and waits; throws ProcessToolError when it is missing, killed or fails. */
export function runToolSync(call: ToolCall): ToolAnswer {
  const result = spawnSync(call.command, call.args, { ...options(), stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new ProcessToolError(`cannot run ${describe(call)}: ${result.error.message}`, { cause: result.error });
  return checked(call, result.status, result.stdout, result.stderr, result.signal ? `killed by ${result.signal}` : undefined);
}

/** Runs `call`; rejects with ProcessToolError when it is missing, killed or fails. */
export function runToolAsync(call: ToolCall): Promise<ToolAnswer> {
  return new Promise((resolve, reject) => {
    execFile(call.command, call.args, options(), (error, stdout, stderr) => {
      if (error === null) return resolve({ stdout, status: 0 });
      // A non-zero exit arrives as an error with a numeric code; a string code (ENOENT) is a
      // failure to start; no code at all, a kill (timeout, output too large).
      if (typeof error.code === 'string')
        return reject(new ProcessToolError(`cannot run ${describe(call)}: ${error.message}`, { cause: error }));
      const status = typeof error.code === 'number' ? error.code : null;
      try {
        resolve(checked(call, status, stdout, stderr, status === null ? error.message : undefined));
      } catch (failure) {
        reject(failure instanceof Error ? failure : new ProcessToolError(String(failure)));
      }
    });
  });
}
