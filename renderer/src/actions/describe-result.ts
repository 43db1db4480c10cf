/** Toast text for action results and errors: says what happened in the user's terms. */
import type { ContractError, KillResult, RestartResult } from '@contract/api';
import type { ToastInput } from '../ui/toast-store';

const ports = (list: readonly number[]) => list.map((port) => `:${port}`).join(', ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** A kill's outcome: who ended by which signal, which ports are free, which are not. */
export function describeKill(result: KillResult): ToastInput {
  const ended = result.outcomes.filter((outcome) => outcome.endedBy !== null);
  const first = result.outcomes[0];
  const title =
    result.outcomes.length === 1 && first
      ? `${first.endedBy ? 'Killed' : 'Already gone:'} ${first.name} (pid ${first.pid})`
      : `Killed ${ended.length} of ${result.outcomes.length} processes`;
  const lines: string[] = [];
  const signals = new Set(ended.map((outcome) => outcome.endedBy));
  if (signals.size === 1 && ended[0])
    lines.push(
      `Ended by ${ended[0].endedBy}${ended[0].endedBy === 'SIGKILL' ? ' (did not stop on SIGTERM)' : ''}.`,
    );
  else if (signals.size > 1)
    lines.push(ended.map((outcome) => `${outcome.name} ${outcome.pid}: ${outcome.endedBy}`).join('; '));
  if (result.freedPorts.length) lines.push(`Freed ${ports(result.freedPorts)}.`);
  if (result.stillBound.length)
    lines.push(`Still bound: ${ports(result.stillBound)} (another process holds it, or it is lingering).`);
  lines.push(`Took ${seconds(result.elapsedMs)}.`);
  return { kind: result.stillBound.length ? 'warning' : 'success', title, body: lines.join(' ') };
}

/** A restart's outcome: new pid, ports listening again, where its logs go. */
export function describeRestart(result: RestartResult, name: string): ToastInput {
  const lines: string[] = [];
  if (result.newPid !== null) lines.push(`pid ${result.oldPid} → ${result.newPid}.`);
  if (result.ports.length) lines.push(`Listening again on ${ports(result.ports)}.`);
  lines.push(`Via ${result.method}, in ${seconds(result.elapsedMs)}.`);
  return {
    kind: 'success',
    title: `Restarted ${name}`,
    body: lines.join(' '),
    detail: result.logFile ? `Output is logged to ${result.logFile}` : null,
  };
}

/** A failed call, with the error's detail (e.g. a command to run with more rights). */
export function describeError(action: string, error: ContractError): ToastInput {
  return { kind: 'error', title: `${action} failed`, body: error.message, detail: error.detail };
}
