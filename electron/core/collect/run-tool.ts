/**
 * Runs a socket-listing tool (ss, lsof, netstat) synchronously, as the collectors do in the
 * monitor's worker thread, and turns every way it can fail into a CollectorError.
 */
import { spawnSync } from 'node:child_process';
import { CollectorError, ParseError } from '../model.js';
import type { SnapshotSource } from '../model.js';

/** Room for ~20,000 lines of ~600 characters each, many times over. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** How to run the tool. */
export interface ToolRun {
  source: SnapshotSource;
  command: string;
  args: readonly string[];
  timeoutMs: number;
  /** Exit statuses that still mean "this is the listing" (lsof exits 1 when it found nothing). */
  okStatuses?: readonly number[];
}

/** The tool's output. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs the tool in the C locale; throws CollectorError when it is missing, killed or fails. */
export function runTool(run: ToolRun): ToolOutput {
  const result = spawnSync(run.command, run.args, {
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT_BYTES,
    timeout: run.timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  const commandLine = `${run.command} ${run.args.join(' ')}`;
  if (result.error)
    throw new CollectorError(run.source, `cannot run ${commandLine}: ${result.error.message}`, { cause: result.error });
  const status = result.status ?? -1;
  if (result.status === null || !(status === 0 || run.okStatuses?.includes(status))) {
    const why = result.signal ? `killed by ${result.signal}` : `exit status ${result.status}`;
    throw new CollectorError(run.source, `${commandLine} failed (${why}): ${result.stderr.trim().slice(0, 500)}`);
  }
  return { stdout: result.stdout, stderr: result.stderr, status };
}

/** Runs a parser of the tool's output; its ParseError (a changed format) becomes a CollectorError. */
export function parseToolOutput<T>(source: SnapshotSource, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ParseError) throw new CollectorError(source, error.message, { cause: error });
    throw error;
  }
}
