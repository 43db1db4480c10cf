/**
 * Target → the processes an action would touch, as ActionSubjects: each owner with its
 * children, every socket they hold, and the guard's verdict. A port held by a parent and its
 * forked workers is one subject (the parent), not several.
 */
import type { ActionSubject, Result, Target } from '../../contract/api.js';
import { ownerState } from '../../contract/row-fields.js';
import type { ProcessInfo, Snapshot } from '../model.js';
import type { ActionDeps } from './deps.js';
import { guardContext, guardProcess, type GuardContext } from './guard.js';
import { listenersAccepting, socketsHeldBy } from './held-ports.js';
import { fail } from './results.js';

/** Descendants beyond this are not listed (a fork bomb is not something to preview). */
const MAX_DESCENDANTS = 256;

/** The subjects of a target, with the snapshot they were computed from. */
export interface ResolvedTarget {
  snapshot: Snapshot;
  subjects: ActionSubject[];
}

/**
 * Resolves a target against a fresh snapshot. A bare port means whoever listens on it (any
 * address); `address` narrows to sockets that accept that address. A pid with a start time
 * is refused as `stale-identity` when the pid now names a different process.
 */
export async function resolveTarget(
  target: Target,
  deps: ActionDeps,
  verb: 'kill' | 'restart' | 'logs' = 'kill',
): Promise<Result<ResolvedTarget>> {
  const snapshot = await deps.snapshot();
  const owners = target.kind === 'pid' ? pidOwner(target, deps) : portOwners(target, snapshot, deps, verb);
  if (!owners.ok) return owners;
  const guard = guardContext(deps.processes, deps.selfPid);
  const subjects: ActionSubject[] = [];
  for (const pid of topmost(owners.value, deps)) {
    const subject = buildSubject(pid, snapshot, deps, guard, verb);
    if (subject) subjects.push(subject);
  }
  if (subjects.length === 0) return fail('not-found', `${describeTarget(target)}: its owner exited just now`);
  return { ok: true, value: { snapshot, subjects } };
}

/** One process as a subject (null when it is gone). */
export function buildSubject(
  pid: number,
  snapshot: Snapshot,
  deps: ActionDeps,
  guard: GuardContext,
  verb: 'kill' | 'restart' | 'logs' = 'kill',
): ActionSubject | null {
  const process = freshInfo(pid, snapshot, deps);
  if (!process) return null;
  const children: ProcessInfo[] = [];
  for (const child of deps.processes.descendants(pid).slice(0, MAX_DESCENDANTS)) {
    const info = deps.processes.info(child);
    if (info) children.push(info);
  }
  const pids = new Set([pid, ...children.map((child) => child.pid)]);
  return {
    process,
    children,
    sockets: socketsHeldBy(snapshot, pids),
    refusal: guardProcess(
      {
        pid,
        ppid: process.ppid,
        name: process.name,
        exe: process.exe,
        restartsItsService: verb === 'restart' && process.service?.kind === 'windows-service',
      },
      guard,
    ),
  };
}

/** "port 3000", "127.0.0.1:3000", "[::1]:3000", "pid 1234". */
export function describeTarget(target: Target): string {
  if (target.kind === 'pid') return `pid ${target.pid}`;
  if (target.address === null) return `port ${target.port}`;
  return target.address.includes(':')
    ? `[${target.address}]:${target.port}`
    : `${target.address}:${target.port}`;
}

function pidOwner(target: Extract<Target, { kind: 'pid' }>, deps: ActionDeps): Result<number[]> {
  const stat = deps.processes.stat(target.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X')
    return fail('not-found', `no process with pid ${target.pid}`);
  if (target.startTime !== null && stat.startTime !== target.startTime) {
    return fail(
      'stale-identity',
      `pid ${target.pid} now belongs to another process (${stat.comm}); the one you saw has exited`,
    );
  }
  return { ok: true, value: [target.pid] };
}

function portOwners(
  target: Extract<Target, { kind: 'port' }>,
  snapshot: Snapshot,
  deps: ActionDeps,
  verb: string,
): Result<number[]> {
  // Only listeners that accept the address (an IPv6-only `[::]` socket is not on 127.0.0.1): a
  // connection's local port says nothing about who "is on" that port, and guessing from it is
  // how other tools end the wrong process.
  const rows = listenersAccepting(snapshot, target.port, target.address);
  const what = describeTarget(target);
  if (rows.length === 0) return fail('not-found', `nothing listens on ${what}`);
  const pids = [...new Set(rows.flatMap((row) => row.pids))];
  if (pids.length > 0) return { ok: true, value: pids };
  if (rows.some((row) => row.ownerReason === 'permission')) {
    const uid = rows.find((row) => row.uid !== null)?.uid;
    const command = `sudo ${deps.commandName} ${verb} ${what.replace(/^port /, '')}`;
    return fail(
      'permission',
      `${what} is held by another user's process${uid === undefined ? '' : ` (uid ${uid})`}; PortLens cannot see which one without elevated rights. Run: ${command}`,
      command,
    );
  }
  if (rows.some((row) => ownerState(row) === 'hidden'))
    return fail(
      'refused',
      `${what} is held by a process PortLens cannot see even with elevated rights (another namespace or container, or a security policy); PortLens acts only on a process it can verify`,
    );
  return fail('not-found', `no process holds ${what} (it may be closing)`);
}

/** Drops pids whose ancestor is also in the set: they are that ancestor's children. */
function topmost(pids: number[], deps: ActionDeps): number[] {
  const set = new Set(pids);
  return pids.filter((pid) => {
    let parent = deps.processes.stat(pid)?.ppid ?? 0;
    for (let depth = 0; parent > 1 && depth < 256; depth++) {
      if (set.has(parent)) return false;
      parent = deps.processes.stat(parent)?.ppid ?? 0;
    }
    return true;
  });
}

/** The snapshot's view of the process if it is still the same one, else a fresh read. */
function freshInfo(pid: number, snapshot: Snapshot, deps: ActionDeps): ProcessInfo | null {
  const known = snapshot.processes[String(pid)];
  const stat = deps.processes.stat(pid);
  if (!stat) return null;
  if (known && known.startTime === stat.startTime) return known;
  return deps.processes.info(pid);
}
