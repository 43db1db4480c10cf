/**
 * `portlens kill <port | address:port | --pid N> [--force] [--yes] [--timeout MS] [--json]`:
 * shows who would be ended (children and every port they hold), asks, then ends exactly those
 * processes. Also holds what restart and logs share: target arguments, the prompt, the deps.
 */
import { createInterface } from 'node:readline';
import type { ParseArgsConfig } from 'node:util';
import type { ActionSubject, ContractError, KillPreview, KillResult, Target } from '../../contract/api.js';
import { isListening } from '../../contract/row-fields.js';
import {
  createActionDeps,
  kill,
  killRequestFor,
  previewKill,
  type ActionDeps,
} from '../../core/actions/index.js';
import { SettingsStore } from '../../core/backend/settings-store.js';
import { dataDir as defaultDataDir } from '../../core/paths.js';
import { endpointArg, parse, positiveIntArg } from '../args.js';
import { endpoint } from '../format.js';
import { formatCommand, formatDateTime, protocolName } from '../../contract/display-text.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';

/** Builds the actions' dependencies; tests pass their own (a data dir, stub executables on PATH). */
export type DepsFactory = () => ActionDeps;

/** The real dependencies: PortLens's data directory and the user's timeout settings. */
export const cliDeps: DepsFactory = () => {
  const dataDir = defaultDataDir();
  const settings = new SettingsStore(dataDir).get();
  return createActionDeps({
    dataDir,
    killTimeoutMs: settings.killTimeoutMs,
    restartTimeoutMs: settings.restartTimeoutMs,
  });
};

/** `kill`'s command, over the given dependencies. */
export function makeKillCommand(makeDeps: DepsFactory): CliCommand {
  return async (args, io) => {
    const { values, target } = parseTarget(args, {
      force: { type: 'boolean', short: 'f' },
      yes: { type: 'boolean', short: 'y' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    const timeoutMs = optionalRangeArg(values.timeout, '--timeout', 100, 120_000);
    if (values.force && timeoutMs !== null)
      throw new UsageError('--timeout is the wait before SIGKILL; --force sends SIGKILL at once');
    const json = Boolean(values.json);
    const deps = makeDeps();
    // Human text goes to stderr in --json mode: stdout carries exactly one JSON document.
    const text = json ? io.stderr : io.stdout;

    const preview = await previewKill(target, deps);
    if (!preview.ok) return failure(io, json, preview.error);
    text.write(previewText(preview.value));
    const request = killRequestFor(preview.value, { force: Boolean(values.force), timeoutMs });
    if (!request.ok) return failure(io, json, request.error);

    if (!values.yes) {
      const count = request.value.processes.length;
      const how = values.force
        ? 'SIGKILL'
        : `SIGTERM, then SIGKILL after ${timeoutMs ?? deps.killTimeoutMs} ms`;
      const answer = await confirm(
        io,
        `End ${count === 1 ? 'this process' : `these ${count} processes`} (${how})?`,
      );
      if (answer !== 'yes') return declined(io, json, answer, 'nothing was killed');
    }

    const result = await kill(request.value, deps);
    if (!result.ok) return failure(io, json, result.error);
    if (json) io.stdout.write(`${JSON.stringify(result.value)}\n`);
    else io.stdout.write(resultText(result.value));
    // `kill 3000` asks for port 3000 to be free: still bound is a failure. `--pid` asks for the end of a process.
    return target.kind === 'port' && result.value.stillBound.includes(target.port) ? 1 : 0;
  };
}

/** `portlens kill`. */
export const killCommand: CliCommand = makeKillCommand(cliDeps);

/** Parses a target command's arguments (`--pid` is added to `options`): its values and its one target. */
export function parseTarget<T extends ParseOptions>(args: string[], options: T): TargetArgs<T> {
  const { values, positionals } = parse(args, { ...PID_OPTION, ...options }, true);
  return { values, target: targetArg(positionals, (values as { pid?: string }).pid) };
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>;
const PID_OPTION = { pid: { type: 'string' } } satisfies ParseOptions;
/** What `parseTarget` returns. */
export interface TargetArgs<T extends ParseOptions> {
  values: ReturnType<typeof parse<typeof PID_OPTION & T>>['values'];
  target: Target;
}

/** Exactly one target: a positional port / address:port, or `--pid N`. A bare number is a port. */
export function targetArg(positionals: string[], pid: string | undefined): Target {
  if (positionals.length > 1)
    throw new UsageError(`expected one target, got ${positionals.length}: ${positionals.join(' ')}`);
  const [text] = positionals;
  if (text !== undefined && pid !== undefined)
    throw new UsageError('give a port (or address:port) or --pid, not both');
  if (pid !== undefined) return { kind: 'pid', pid: positiveIntArg(pid, '--pid'), startTime: null };
  if (text === undefined) throw new UsageError('missing target: a port, address:port, or --pid N');
  const { address, port } = endpointArg(text);
  return { kind: 'port', port, address };
}

/** An integer in [min, max] from text, or a UsageError naming the flag. */
export function rangeArg(text: string, what: string, min: number, max: number): number {
  const value = positiveIntArg(text, what);
  if (value < min || value > max)
    throw new UsageError(`${what} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** `rangeArg` of a flag that may be absent: null then. */
export function optionalRangeArg(
  text: string | undefined,
  what: string,
  min: number,
  max: number,
): number | null {
  return text === undefined ? null : rangeArg(text, what, min, max);
}

/** `yes`, `no`, or `no-terminal` (nobody to ask: the caller must pass a flag instead). */
export type Answer = 'yes' | 'no' | 'no-terminal';

/** Asks a y/N question on the terminal; without one, answers `no-terminal` at once. */
export async function confirm(io: CliIo, question: string): Promise<Answer> {
  if (!io.interactive) return 'no-terminal';
  io.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input: io.stdin, terminal: false });
  try {
    const line = await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(line) ? 'yes' : 'no';
  } finally {
    lines.close();
  }
}

/** Reports a declined or impossible confirmation; exit 1 (nothing was done). */
export function declined(io: CliIo, json: boolean, answer: Answer, nothing: string, flag = '--yes'): number {
  const message =
    answer === 'no-terminal'
      ? `not a terminal, so PortLens cannot ask for confirmation; pass ${flag} to confirm (${nothing})`
      : `not confirmed; ${nothing}`;
  return failure(io, json, { code: 'refused', message, detail: null });
}

/** Prints a contract error (JSON: `{"error": ...}` on stdout) and returns exit code 1. */
export function failure(io: CliIo, json: boolean, error: ContractError): number {
  if (json) {
    io.stdout.write(`${JSON.stringify({ error })}\n`);
    return 1;
  }
  io.stderr.write(`portlens: ${error.message}\n`);
  // The detail is a log tail or a command; print it unless the message already says it.
  if (error.detail && !error.message.includes(error.detail.trim()))
    io.stderr.write(`${error.detail.trimEnd()}\n`);
  return 1;
}

/** A subject as text: the process, its command, children, held ports, and any refusal. */
export function subjectText(subject: ActionSubject): string {
  const { process: info, children, sockets, refusal } = subject;
  const lines = [
    `pid ${info.pid}  ${info.name}  (user ${info.user}, started ${formatDateTime(info.startedAt)})`,
  ];
  if (info.argv.length) lines.push(`  ${formatCommand(info.argv)}`);
  if (children.length) {
    const shown = children.slice(0, 8).map((child) => `${child.pid} ${child.name}`);
    lines.push(
      `  children: ${shown.join(', ')}${children.length > shown.length ? `, and ${children.length - shown.length} more` : ''}`,
    );
  }
  const listening = sockets.filter(isListening);
  const connections = sockets.length - listening.length;
  const held = listening.map(
    (row) => `${protocolName(row)} ${endpoint(row.localAddress, row.localPort)}`,
  );
  if (held.length) lines.push(`  listens on: ${held.join(', ')}`);
  if (connections) lines.push(`  and ${connections} connection${connections === 1 ? '' : 's'}`);
  if (refusal) lines.push(`  REFUSED: ${refusal}`);
  return `${lines.join('\n')}\n`;
}

function previewText(preview: KillPreview): string {
  return preview.subjects.map(subjectText).join('');
}

function resultText(result: KillResult): string {
  const lines = result.outcomes.map((outcome) =>
    outcome.endedBy
      ? `Ended ${outcome.name} (${outcome.pid}) by ${outcome.endedBy}.`
      : `${outcome.name} (${outcome.pid}) had already exited.`,
  );
  const plural = (ports: number[]): string => `${ports.length === 1 ? 'Port' : 'Ports'} ${ports.join(', ')}`;
  if (result.freedPorts.length)
    lines.push(`${plural(result.freedPorts)} ${result.freedPorts.length === 1 ? 'is' : 'are'} free.`);
  if (result.stillBound.length)
    lines.push(
      `${plural(result.stillBound)} still bound (another process holds ${result.stillBound.length === 1 ? 'it' : 'them'}: see \`portlens who\`).`,
    );
  return `${lines.join('\n')}\n`;
}
