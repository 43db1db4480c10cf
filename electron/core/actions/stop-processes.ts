/**
 * Ending processes by (pid, start time): every identity and guard is checked, and permission
 * probed, before the first signal, so a refusal leaves everything untouched. Then SIGTERM, a
 * wait, and SIGKILL for survivors (or SIGKILL at once when forced). Each signal re-checks the
 * identity immediately before it goes out (see the signallers for the remaining window).
 */
import { userInfo } from 'node:os';
import type { ContractError, KillRequest, Result } from '../../contract/api.js';
import type { ActionDeps } from './deps.js';
import { guardContext, guardProcess } from './guard.js';
import { identityOf } from './identity.js';
import { elevated, fail, ok } from './results.js';
import type { KillSignal } from './signaller.js';
import { waitUntil } from './wait.js';

/** How one process ended. */
export interface StopOutcome {
  pid: number;
  name: string;
  /** The signal that ended it; null when it had ended before PortLens signalled it. */
  endedBy: KillSignal | null;
}

/** After SIGKILL only uninterruptible sleep (D state) delays the end; give it this long. */
const SIGKILL_WAIT_MS = 5000;

interface Victim {
  pid: number;
  startTime: number;
  name: string;
  /** The signal it gets next (and, once sent, the one that ends it unless escalated). */
  signal: KillSignal;
  /** True once SIGTERM went out and SIGKILL is next. */
  escalated: boolean;
}

/** Ends `processes`; `verb` names the CLI command in the elevated-rights hint. */
export async function stopProcesses(
  processes: KillRequest['processes'],
  options: { force: boolean; timeoutMs: number; verb: 'kill' | 'restart' },
  deps: ActionDeps,
): Promise<Result<StopOutcome[]>> {
  const outcomes = new Map<number, StopOutcome>();
  const live: Victim[] = [];
  const guard = guardContext(deps.processes, deps.selfPid);
  for (const { pid, startTime } of processes) {
    if (outcomes.has(pid) || live.some((victim) => victim.pid === pid)) continue;
    const stat = deps.processes.stat(pid);
    const state = identityOf(deps.processes, pid, startTime);
    if (state === 'different') {
      return fail(
        'stale-identity',
        `pid ${pid} now belongs to another process (${stat?.comm ?? '?'}); the one you saw has exited. Nothing was signalled.`,
      );
    }
    if (state === 'gone' || !stat) {
      outcomes.set(pid, { pid, name: stat?.comm ?? '?', endedBy: null });
      continue;
    }
    const refusal = guardProcess({ pid, ppid: stat.ppid, name: stat.comm }, guard);
    if (refusal) return fail('refused', `PortLens will not signal ${refusal}. Nothing was signalled.`);
    live.push({
      pid,
      startTime,
      name: stat.comm,
      signal: options.force ? 'SIGKILL' : 'SIGTERM',
      escalated: false,
    });
  }

  // Ask "may I?" for every process first, so a denied one stops the whole action untouched.
  const pending: Victim[] = [];
  for (const victim of live) {
    const outcome = await deps.signaller.send(victim.pid, 'probe', verifier(victim, deps));
    if (outcome === 'permission')
      return { ok: false, error: permissionError(victim, options.verb, deps, false) };
    if (outcome === 'sent') pending.push(victim);
    else outcomes.set(victim.pid, { pid: victim.pid, name: victim.name, endedBy: null });
  }

  const denied = await signalAll(pending, outcomes, options.verb, deps);
  if (denied) return { ok: false, error: denied };
  let survivors = await survivorsAfter(pending, options.force ? SIGKILL_WAIT_MS : options.timeoutMs, deps);

  if (!options.force && survivors.length) {
    for (const victim of survivors) {
      victim.signal = 'SIGKILL';
      victim.escalated = true;
    }
    const deniedKill = await signalAll(survivors, outcomes, options.verb, deps);
    if (deniedKill) return { ok: false, error: deniedKill };
    survivors = await survivorsAfter(survivors, SIGKILL_WAIT_MS, deps);
  }
  if (survivors.length) {
    const list = survivors
      .map((v) => `${v.pid} (${v.name}, state ${deps.processes.stat(v.pid)?.state ?? '?'})`)
      .join(', ');
    return fail(
      'failed',
      `still running after SIGKILL: ${list}; a process stuck in the kernel (state D) ends only when its I/O completes`,
    );
  }
  for (const victim of pending) {
    if (!outcomes.has(victim.pid))
      outcomes.set(victim.pid, { pid: victim.pid, name: victim.name, endedBy: victim.signal });
  }
  const ordered: StopOutcome[] = [];
  for (const { pid } of processes) {
    const outcome = outcomes.get(pid);
    if (outcome && !ordered.includes(outcome)) ordered.push(outcome);
  }
  return ok(ordered);
}

/** The identity re-check a signaller runs immediately before sending. */
function verifier(victim: Victim, deps: ActionDeps): () => ReturnType<typeof identityOf> {
  return () => identityOf(deps.processes, victim.pid, victim.startTime);
}

/** Sends each victim its next signal. One already gone was ended by the previous signal, if any. */
async function signalAll(
  list: Victim[],
  outcomes: Map<number, StopOutcome>,
  verb: 'kill' | 'restart',
  deps: ActionDeps,
): Promise<ContractError | null> {
  for (const victim of list) {
    const outcome = await deps.signaller.send(victim.pid, victim.signal, verifier(victim, deps));
    if (outcome === 'permission') return permissionError(victim, verb, deps, true);
    if (outcome !== 'sent')
      outcomes.set(victim.pid, {
        pid: victim.pid,
        name: victim.name,
        endedBy: victim.escalated ? 'SIGTERM' : null,
      });
  }
  return null;
}

/** Waits up to `timeoutMs` for every victim to end; returns those still running. */
async function survivorsAfter(list: Victim[], timeoutMs: number, deps: ActionDeps): Promise<Victim[]> {
  const alive = (victim: Victim): boolean =>
    identityOf(deps.processes, victim.pid, victim.startTime) === 'same';
  await waitUntil(() => !list.some(alive), timeoutMs, 25);
  return list.filter(alive);
}

/** EPERM: names the owner and the exact command to run with elevated rights. */
function permissionError(
  victim: Victim,
  verb: 'kill' | 'restart',
  deps: ActionDeps,
  afterOthers: boolean,
): ContractError {
  const owner = deps.processes.info(victim.pid)?.user || 'another user';
  const { command, advice } = elevated(deps.commandName, verb, victim.pid);
  const done = afterOthers
    ? ' Processes before it in the list may already have been signalled.'
    : ' Nothing was signalled.';
  return {
    code: 'permission',
    message: `permission denied: pid ${victim.pid} (${victim.name}) belongs to user ${owner}, and PortLens runs as ${currentUser()}. ${advice}.${done}`,
    detail: command,
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}
