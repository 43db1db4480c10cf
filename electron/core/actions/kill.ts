/**
 * Kill: preview (who, their children, every port they hold), then end exactly the processes
 * the user saw and confirm which of their ports are free afterwards.
 */
import type { KillPreview, KillRequest, KillResult, Result, Target } from '../../contract/api.js';
import { recordActions } from '../history/action-events.js';
import type { ActionDeps } from './deps.js';
import { heldPorts, listenersOn, portNumbers, socketsHeldBy, type HeldPort } from './held-ports.js';
import { fail, ok, safely } from './results.js';
import { stopProcesses } from './stop-processes.js';
import { resolveTarget } from './subjects.js';
import { waitUntil } from './wait.js';

/** A kill request carries at most this many processes (the contract's limit). */
const MAX_PROCESSES = 64;

/** What `kill` would end: each owner of the target, its children and every socket they hold. */
export async function previewKill(target: Target, deps: ActionDeps): Promise<Result<KillPreview>> {
  return safely('kill preview', () => previewKillUnsafe(target, deps));
}

async function previewKillUnsafe(target: Target, deps: ActionDeps): Promise<Result<KillPreview>> {
  const resolved = await resolveTarget(target, deps);
  if (!resolved.ok) return resolved;
  return ok({ subjects: resolved.value.subjects });
}

/**
 * The request that ends everything a preview showed (owners and their children: their
 * sockets close too), each by the (pid, start time) the preview saw.
 */
export function killRequestFor(
  preview: KillPreview,
  options: { force: boolean; timeoutMs: number | null },
): Result<KillRequest> {
  const processes = new Map<number, number>();
  for (const subject of preview.subjects) {
    if (subject.refusal) return fail('refused', `PortLens will not signal ${subject.refusal}`);
    for (const info of [subject.process, ...subject.children]) processes.set(info.pid, info.startTime);
  }
  if (processes.size > MAX_PROCESSES) {
    return fail(
      'refused',
      `that is ${processes.size} processes; PortLens ends at most ${MAX_PROCESSES} at once (target the parent by --pid)`,
    );
  }
  return ok({
    processes: [...processes].map(([pid, startTime]) => ({ pid, startTime })),
    force: options.force,
    timeoutMs: options.timeoutMs,
  });
}

/** Ends the requested processes (SIGTERM, wait, SIGKILL) and reports the ports they freed. */
export async function kill(request: KillRequest, deps: ActionDeps): Promise<Result<KillResult>> {
  return safely('kill', () => killUnsafe(request, deps));
}

async function killUnsafe(request: KillRequest, deps: ActionDeps): Promise<Result<KillResult>> {
  const started = deps.now();
  const before = await deps.snapshot();
  const held = heldPorts(socketsHeldBy(before, new Set(request.processes.map((p) => p.pid))));
  const stopped = await stopProcesses(
    request.processes,
    { force: request.force, timeoutMs: request.timeoutMs ?? deps.killTimeoutMs, verb: 'kill' },
    deps,
  );
  if (!stopped.ok) return stopped;
  const stillBound = await portsStillBound(held, deps);
  recordActions(
    deps.dataDir,
    stopped.value.flatMap((outcome) =>
      outcome.endedBy
        ? [{ type: 'kill' as const, time: deps.now(), pid: outcome.pid, processName: outcome.name, user: before.processes[outcome.pid]?.user ?? null, ports: heldPorts(socketsHeldBy(before, new Set([outcome.pid]))), detail: `ended by ${outcome.endedBy}` }]
        : [],
    ),
  );
  return ok({
    outcomes: stopped.value,
    freedPorts: portNumbers(held.filter((p) => !stillBound.includes(p))),
    stillBound: portNumbers(stillBound),
    elapsedMs: deps.now() - started,
  });
}

/**
 * Which of `ports` something still listens on. The kernel closes a process's sockets as it
 * exits, so one look normally settles it; a few more cover a forked child finishing its exit.
 */
export async function portsStillBound(ports: HeldPort[], deps: ActionDeps, graceMs = 1000): Promise<HeldPort[]> {
  if (ports.length === 0) return [];
  let bound: HeldPort[] = ports;
  await waitUntil(
    async () => {
      const snapshot = await deps.snapshot();
      bound = ports.filter(({ port, protocol }) => listenersOn(snapshot, port, protocol).length > 0);
      return bound.length === 0;
    },
    graceMs,
    200,
  );
  return bound;
}
