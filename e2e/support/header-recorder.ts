/**
 * Starts header-recorder-child.mjs as another local user would run it: as `nobody` (through
 * setpriv) when the tests run as root and setpriv exists, else as ourselves (what it records is
 * the same; only who runs it differs, and the test says which).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startChild, type StartedChild } from './child-process.js';

const SCRIPT = fileURLToPath(new URL('./header-recorder-child.mjs', import.meta.url));

/** One request the recorder saw. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Raw header lines as [name, value, name, value, …]. */
  headers: string[];
}

/** A running recorder. */
export interface HeaderRecorder {
  origin: string;
  /** Who runs it: `nobody` or `the test's own user`. */
  runAs: string;
  requests(): RecordedRequest[];
  stop(): Promise<void>;
}

function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts a recorder that tosses cookies at the PortLens server on `portlensPort`. */
export async function startHeaderRecorder(portlensPort: number): Promise<HeaderRecorder> {
  const args = [SCRIPT, '--toss', String(portlensPort)];
  const asNobody = canRunAsNobody();
  const [command, argv] = asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, ...args]]
    : [process.execPath, args];
  const { started, match } = await startChild(command as string, argv as string[], /LISTENING (\d+)/, { cwd: '/' });
  return {
    origin: `http://127.0.0.1:${match[1]}`,
    runAs: asNobody ? 'nobody' : "the test's own user",
    requests: () => parseRequests(started),
    stop: () => started.stop(),
  };
}

function parseRequests(started: StartedChild): RecordedRequest[] {
  const output = started.output();
  // Only whole lines: the recorder may be writing the last one as we read.
  return output
    .slice(0, output.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.startsWith('REQUEST '))
    .map((line) => JSON.parse(line.slice('REQUEST '.length)) as RecordedRequest);
}
