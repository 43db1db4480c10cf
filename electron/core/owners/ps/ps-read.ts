/**
 * Reads ProcessInfo for a set of pids with ps and lsof (macOS; the same tools and options work on
 * Linux, where the tests prove it against /proc). Written once as a plan of tool calls (a
 * generator) that a synchronous driver (the actions) or an asynchronous one (the snapshot
 * pipeline) runs.
 *
 * Order: ps identity call (pid, lstart, comm…) → lsof cwd → ps command call (pid, lstart, args…).
 * The two ps calls bracket the lsof call and both carry `lstart`: a pid whose start time differs
 * between them was reused while it was read, and is read once more (as /proc's reader does).
 */
import { basename } from 'node:path';
import type { ProcessInfo } from '../../model.js';
import { displayName } from '../process-info.js';
import { lsofCwdCall, parseLsofCwd } from './lsof-cwd.js';
import {
  PIDS_PER_CALL,
  type PsCommandRow,
  type PsIdentityRow,
  argvOf,
  commandArgs,
  identityArgs,
  parseCommandOutput,
  parseIdentityOutput,
} from './ps-columns.js';
import type { ToolAnswer, ToolCall } from './process-tools.js';

/** A plan of tool calls ending in a result: each `yield` is a call, answered with its output. */
export type ToolPlan<Result> = Generator<ToolCall, Result, ToolAnswer>;

/** What one read found. */
export interface PsReadResult {
  /** The identity row of every pid that exists (as of the last ps call that saw it). */
  identities: Map<number, PsIdentityRow>;
  /** Full info of the pids `wanted` chose (and that lived through the read). */
  infos: Map<number, ProcessInfo>;
  /** Lines and fields that could not be read, each naming its tool and line. */
  warnings: string[];
}

/** Options of readProcesses. */
export interface PsReadOptions {
  /** Whether a pid's full info is needed (default all): a cached (pid, start) needs none. */
  wanted?: (row: PsIdentityRow) => boolean;
  /** uid → user name, filled as new uids are met; kept by the caller across reads. */
  users: Map<number, string>;
}

/** ps's identity call for `pids`, in batches. */
export function* readIdentities(pids: readonly number[], warnings: string[]): ToolPlan<Map<number, PsIdentityRow>> {
  const rows = new Map<number, PsIdentityRow>();
  for (const batch of batches(pids)) {
    const answer = yield { command: 'ps', args: identityArgs(batch), okStatuses: [1] };
    const parsed = parseIdentityOutput(answer.stdout);
    warnings.push(...parsed.warnings);
    for (const row of askedFor(parsed.rows, batch, 'ps identity', warnings)) rows.set(row.pid, row);
  }
  return rows;
}

/** The plan that reads `pids` (see the file comment). */
export function* readProcesses(pids: readonly number[], options: PsReadOptions): ToolPlan<PsReadResult> {
  const warnings: string[] = [];
  const identities = new Map<number, PsIdentityRow>();
  const infos = new Map<number, ProcessInfo>();
  let pending = pids;
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    const seen = yield* readIdentities(pending, warnings);
    for (const pid of pending) identities.delete(pid);
    for (const [pid, row] of seen) identities.set(pid, row);
    const wanted = [...seen.values()].filter((row) => attempt > 0 || (options.wanted?.(row) ?? true)).map((row) => row.pid);
    pending = [];
    if (wanted.length === 0) break;
    const cwds = new Map<number, string>();
    for (const batch of batches(wanted)) {
      const parsed = parseLsofCwd((yield lsofCwdCall(batch)).stdout);
      for (const [pid, cwd] of parsed.cwds) cwds.set(pid, cwd);
      warnings.push(...parsed.warnings);
    }
    const commands: PsCommandRow[] = [];
    for (const batch of batches(wanted)) {
      const parsed = parseCommandOutput((yield { command: 'ps', args: commandArgs(batch), okStatuses: [1] }).stdout);
      commands.push(...askedFor(parsed.rows, batch, 'ps command line', warnings));
      warnings.push(...parsed.warnings);
    }
    yield* learnUsers(commands, options.users);
    const read = new Set<number>();
    const reused: number[] = [];
    for (const command of commands) {
      const identity = seen.get(command.pid);
      if (identity === undefined) continue;
      read.add(command.pid);
      if (identity.startSeconds !== command.startSeconds) reused.push(command.pid);
      else infos.set(command.pid, infoOf(identity, command, cwds.get(command.pid) ?? null, options.users));
    }
    // Gone between the calls: no info, and no identity to vouch for a stale one.
    for (const pid of wanted) if (!read.has(pid)) identities.delete(pid);
    pending = reused;
  }
  // Reused twice over while being read: unknown this time, like a process that ended.
  for (const pid of pending) identities.delete(pid);
  return { identities, infos, warnings };
}

/**
 * The rows of pids in `batch`, each once: a row for a pid not asked for is not ours to trust,
 * and a pid printed twice is read from neither row (which would be the process?), with a warning.
 */
function askedFor<Row extends { pid: number }>(rows: readonly Row[], batch: readonly number[], what: string, warnings: string[]): Row[] {
  const asked = new Set(batch);
  const counts = new Map<number, number>();
  for (const { pid } of rows) if (asked.has(pid)) counts.set(pid, (counts.get(pid) ?? 0) + 1);
  for (const [pid, count] of counts) if (count > 1) warnings.push(`${what}: pid ${pid} printed ${count} times; not read`);
  return rows.filter(({ pid }) => counts.get(pid) === 1);
}

/** Looks up the name of every uid not yet known (`id -nu UID`; the uid itself when it has none). */
function* learnUsers(commands: readonly PsCommandRow[], users: Map<number, string>): ToolPlan<void> {
  for (const { uid } of commands) {
    if (users.has(uid)) continue;
    const answer = yield { command: 'id', args: ['-nu', String(uid)], okStatuses: [1] };
    const name = answer.stdout.trim();
    users.set(uid, answer.status === 0 && /^\S+$/.test(name) ? name : String(uid));
  }
}

/** ProcessInfo from the two ps rows of one process (same pid and start time) and its cwd. */
export function infoOf(identity: PsIdentityRow, command: PsCommandRow, cwd: string | null, users: ReadonlyMap<number, string>): ProcessInfo {
  const argv = argvOf(command.args);
  // macOS's comm is the executable's path; Linux's the task name, which may hold a `/` itself.
  const exe = identity.comm.startsWith('/') ? identity.comm : null;
  const comm = exe === null ? identity.comm : basename(exe);
  return {
    pid: command.pid,
    startTime: command.startSeconds,
    startedAt: command.startSeconds * 1000,
    name: displayName(comm, argv, exe) || basename(argv[0] ?? ''),
    exe,
    argv,
    cwd,
    uid: command.uid,
    user: users.get(command.uid) ?? String(command.uid),
    ppid: command.ppid,
    // launchd and Homebrew detection belongs to the service-manager work (issue 15).
    service: null,
  };
}

function batches(pids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < pids.length; i += PIDS_PER_CALL) out.push(pids.slice(i, i + PIDS_PER_CALL));
  return out;
}

/** Runs a plan with a synchronous tool runner. */
export function runPlan<Result>(plan: ToolPlan<Result>, run: (call: ToolCall) => ToolAnswer): Result {
  let step = plan.next();
  while (!step.done) step = plan.next(run(step.value));
  return step.value;
}

/** Runs a plan with an asynchronous tool runner. */
export async function runPlanAsync<Result>(plan: ToolPlan<Result>, run: (call: ToolCall) => Promise<ToolAnswer>): Promise<Result> {
  let step = plan.next();
  while (!step.done) step = plan.next(await run(step.value));
  return step.value;
}
