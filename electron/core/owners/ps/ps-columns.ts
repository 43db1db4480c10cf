/**
 * The ps invocations the process table runs, and the readers of their lines. Two calls, not the
 * issue's one `-o pid=,ppid=,uid=,lstart=,comm=,args=`: `comm` holds spaces on macOS (it is the
 * executable's full path, e.g. `/Applications/Google Chrome.app/…/Google Chrome Helper`) and so
 * does `args`, and only the last column can be read as "rest of line". So `comm` ends one call
 * and `args` the other, and both carry `lstart` so a pid reused between them is caught.
 * `-ww`: no width limit (BSD ps cuts the last column at the terminal's width otherwise).
 */
import { LineProblem } from '../../collect/line-parser.js';
import { type PsLine, parsePsOutput, type PsParse } from './ps-line.js';

/** A batch of pids per call: far below any system's argument limit. */
export const PIDS_PER_CALL = 500;

/** `ps -o pid=,ppid=,rgid=,state=,lstart=,comm=`: identity, state and name of each pid. */
export interface PsIdentityRow {
  pid: number;
  ppid: number;
  /** Real gid (to relaunch a process as its own user). */
  gid: number;
  /** ps's state letters (`S`, `Ss`, `R+`, `Z`…); the first one is the state. */
  state: string;
  /** `lstart` as epoch seconds. */
  startSeconds: number;
  /** The executable: its full path on macOS, the kernel's 15-byte task name on Linux. */
  comm: string;
}

/** `ps -o pid=,ppid=,uid=,lstart=,args=`: each pid's parent, owner and command line. */
export interface PsCommandRow {
  pid: number;
  ppid: number;
  uid: number;
  startSeconds: number;
  /** argv joined by spaces, as ps prints it. */
  args: string;
}

export const PS_IDENTITY_WHAT = 'ps -o pid=,ppid=,rgid=,state=,lstart=,comm=';
export const PS_COMMAND_WHAT = 'ps -o pid=,ppid=,uid=,lstart=,args=';

/** Arguments of the identity call for `pids`. */
export function identityArgs(pids: readonly number[]): string[] {
  return ['-ww', '-o', 'pid=,ppid=,rgid=,state=,lstart=,comm=', '-p', pids.join(',')];
}

/** Arguments of the command-line call for `pids`. */
export function commandArgs(pids: readonly number[]): string[] {
  return ['-ww', '-o', 'pid=,ppid=,uid=,lstart=,args=', '-p', pids.join(',')];
}

/** Arguments listing every process's pid and parent (for descendants). */
export const ALL_PARENTS_ARGS = ['-A', '-o', 'pid=,ppid='] as const;

export function readIdentityRow(line: PsLine): PsIdentityRow {
  return {
    pid: line.id('pid'),
    ppid: line.id('ppid'),
    gid: line.id('rgid'),
    state: line.word('state'),
    startSeconds: line.lstart(),
    comm: line.rest(),
  };
}

export function readCommandRow(line: PsLine): PsCommandRow {
  return { pid: line.id('pid'), ppid: line.id('ppid'), uid: line.id('uid'), startSeconds: line.lstart(), args: line.rest() };
}

export function parseIdentityOutput(text: string): PsParse<PsIdentityRow> {
  return parsePsOutput(text, PS_IDENTITY_WHAT, readIdentityRow);
}

export function parseCommandOutput(text: string): PsParse<PsCommandRow> {
  return parsePsOutput(text, PS_COMMAND_WHAT, readCommandRow);
}

/** `ps -A -o pid=,ppid=` lines as (pid, ppid) pairs. */
export function parseParentsOutput(text: string): PsParse<{ pid: number; ppid: number }> {
  return parsePsOutput(text, 'ps -A -o pid=,ppid=', (line) => {
    const pid = line.id('pid');
    const ppid = line.id('ppid');
    if (line.rest() !== '') throw new LineProblem('more than pid and ppid');
    return { pid, ppid };
  });
}

/**
 * argv as far as `args` tells it: split at spaces. ps joins argv with spaces and quotes
 * nothing, so an argument holding a space comes back as two, and an empty one is lost.
 */
export function argvOf(args: string): string[] {
  return args.split(' ').filter((part) => part !== '');
}
