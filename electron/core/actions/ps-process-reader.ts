/**
 * The actions' ProcessReader from ps and lsof (macOS; on Linux on request, to prove it here).
 * Synchronous like the /proc one: each method runs its tools and waits. startTime is the ps
 * source's (lstart as epoch seconds), so it is compared only with ProcessInfo read by ps too.
 * A tool that cannot run throws ProcessToolError: "cannot tell" is never reported as "gone".
 */
import { basename } from 'node:path';
import {
  ALL_PARENTS_ARGS,
  type PsIdentityRow,
  type ToolAnswer,
  type ToolCall,
  parseParentsOutput,
  readIdentities,
  readProcesses,
  runPlan,
  runToolSync,
} from '../owners/ps/index.js';
import { descendantsIn } from '../owners/process-tree.js';
import type { ProcessReader, ProcStatLite } from './deps.js';

/** Reads live processes with ps and lsof; `run` replaces the real tools in tests. */
export function createPsReader(run: (call: ToolCall) => ToolAnswer = runToolSync): ProcessReader {
  const users = new Map<number, string>();
  const identity = (pid: number): PsIdentityRow | null => {
    const warnings: string[] = [];
    return runPlan(readIdentities([pid], warnings), run).get(pid) ?? null;
  };
  return {
    stat(pid: number): ProcStatLite | null {
      const row = identity(pid);
      if (row === null) return null;
      // ps prints the state with modifiers (`Ss`, `R+`); the first letter is the state.
      return { pid, comm: row.comm.startsWith('/') ? basename(row.comm) : row.comm, state: row.state.slice(0, 1), ppid: row.ppid, startTime: row.startSeconds };
    },
    info: (pid) => runPlan(readProcesses([pid], { users }), run).infos.get(pid) ?? null,
    // Another process's environment is not readable through ps or lsof (macOS keeps it in the
    // process's memory): a restart then asks before relaunching with PortLens's own.
    environ: (pid) => ({ ok: false, reason: identity(pid) === null ? 'gone' : 'permission' }),
    descendants(pid: number): number[] {
      const answer = run({ command: 'ps', args: ALL_PARENTS_ARGS, okStatuses: [] });
      return descendantsIn(parseParentsOutput(answer.stdout).rows, pid);
    },
    // No kernel threads on macOS but kernel_task (pid 0); on Linux kthreadd (ppid 0) and its children.
    isKernelThread: (pid, ppid) => pid === 0 || (ppid === 0 && pid !== 1) || (process.platform === 'linux' && ppid === 2),
    gid: (pid) => identity(pid)?.gid ?? null,
    // ps prints argv joined by spaces: restart and start again check it before relaunching.
    argvJoined: true,
  };
}
