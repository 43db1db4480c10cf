/**
 * Working directories from lsof: `lsof -a -p PID[,PID…] -d cwd -Fpfn` prints, for each process
 * whose cwd it can read, `p<pid>`, `fcwd`, `n<path>`. Another user's processes are left out
 * without root (macOS and Linux alike): their cwd stays unknown (null), as /proc would leave it.
 */
import { forEachLsofField } from '../../collect/lsof/lsof-fields.js';
import type { ToolCall } from './process-tools.js';

export const LSOF_CWD_WHAT = 'lsof -d cwd -F';

/** The lsof call for the cwd of `pids`; `-w` keeps warnings about other files off stderr. */
export function lsofCwdCall(pids: readonly number[]): ToolCall {
  return { command: 'lsof', args: ['-w', '-a', '-p', pids.join(','), '-d', 'cwd', '-Fpfn'], okStatuses: [1] };
}

/** Each pid's cwd, and one warning per field lsof printed that does not fit the format. */
export interface CwdParse {
  cwds: Map<number, string>;
  warnings: string[];
}

/** Reads `lsof -d cwd -Fpfn` output. Fields other than p, f and n (lsof may add some) are ignored. */
export function parseLsofCwd(text: string): CwdParse {
  const cwds = new Map<number, string>();
  const warnings: string[] = [];
  let pid: number | null = null;
  let fd: string | null = null;
  const warn = (index: number, why: string, line: string): void => {
    warnings.push(`${LSOF_CWD_WHAT} line ${index + 1}: ${why}: ${line.slice(0, 160)}`);
  };
  forEachLsofField(text.split('\n'), (field, value, index) => {
    if (field === 'p') {
      fd = null;
      pid = /^\d{1,10}$/.test(value) && Number(value) > 0 ? Number(value) : null;
      if (pid === null) warn(index, 'p is not a pid', `p${value}`);
    } else if (field === 'f') fd = value;
    else if (field === 'n') {
      if (pid === null || fd !== 'cwd') warn(index, 'a name outside a process\'s cwd file', `n${value}`);
      else if (cwds.has(pid)) warn(index, `a second cwd for pid ${pid}`, `n${value}`);
      else cwds.set(pid, value);
    }
  });
  return { cwds, warnings };
}
