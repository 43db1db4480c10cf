/**
 * `launchctl list` (macOS): the jobs of the caller's launchd domain, one per line as
 * `PID<TAB>Status<TAB>Label` under that header. PID is `-` when the job is not running; Status is
 * the last exit status, negative for the signal that ended it, `-` when it never ran.
 */
import { ParseError } from '../../model.js';

/** One job of the listing. */
export interface LaunchdJob {
  /** The running process, or null (`-`) when the job is loaded but not running. */
  pid: number | null;
  /** Last exit status (negative: the signal that ended it), or null (`-`). */
  status: number | null;
  label: string;
}

const HEADER = 'PID\tStatus\tLabel';
const LINE = /^(-|\d{1,10})\t(-|-?\d{1,10})\t(\S.*)$/;

/**
 * The jobs of a `launchctl list` output. The header may be absent (grep drops it) and blank lines
 * are skipped; any other line that is not `PID<TAB>Status<TAB>Label` throws ParseError, so a
 * format change is reported instead of read as "no jobs".
 */
export function parseLaunchctlList(text: string): LaunchdJob[] {
  const jobs: LaunchdJob[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line === HEADER) continue;
    const match = LINE.exec(line);
    if (!match)
      throw new ParseError(
        'launchctl list',
        `not PID<TAB>Status<TAB>Label: ${JSON.stringify(line.slice(0, 80))}`,
        index + 1,
      );
    const [, pid, status, label] = match as unknown as [string, string, string, string];
    const pidNumber = pid === '-' ? null : Number(pid);
    if (pidNumber !== null && pidNumber > 0x7fffffff)
      throw new ParseError('launchctl list', `pid ${pid} is out of range`, index + 1);
    // No user process has pid 0: such a job runs nothing PortLens could see.
    jobs.push({
      pid: pidNumber || null,
      status: status === '-' ? null : Number(status),
      label: label.trimEnd(),
    });
  }
  return jobs;
}
