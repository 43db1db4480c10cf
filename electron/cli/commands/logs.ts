/**
 * `portlens logs <port | address:port | --pid N> [--follow] [--lines N]`: the output of the
 * service behind a target — PortLens's own log for services it restarted, the journal for
 * systemd units, `docker logs` for containers — or why none is reachable.
 */
import {
  followCommand,
  followCommandOutput,
  followLogFile,
  locateLogs,
  readLogs,
  tailLines,
} from '../../core/actions/index.js';
import type { CliCommand } from '../io.js';
import { cliDeps, failure, optionalRangeArg, parseTarget, type DepsFactory } from './kill.js';

/** Lines shown unless --lines says otherwise. */
const DEFAULT_LINES = 200;

/** Ends `--follow`: Ctrl-C for the real command; tests pass their own signal. */
export type StopSignal = () => AbortSignal;

const onInterrupt: StopSignal = () => {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  return controller.signal;
};

/** `logs`'s command, over the given dependencies. */
export function makeLogsCommand(makeDeps: DepsFactory, stopSignal: StopSignal = onInterrupt): CliCommand {
  return async (args, io) => {
    const { values, target } = parseTarget(args, {
      follow: { type: 'boolean', short: 'f' },
      lines: { type: 'string', short: 'n' },
    });
    const lines = optionalRangeArg(values.lines, '--lines', 1, 10_000) ?? DEFAULT_LINES;
    const deps = makeDeps();
    const request = { target, lines };

    if (!values.follow) {
      const result = await readLogs(request, deps);
      if (!result.ok) return failure(io, false, result.error);
      if (result.value.source === 'none') return noLogs(io.stderr, result.value.reason);
      io.stdout.write(result.value.text);
      return 0;
    }

    const location = await locateLogs(request, deps);
    if (!location.ok) return failure(io, false, location.error);
    const where = location.value;
    if (where.source === 'none') return noLogs(io.stderr, where.reason);
    const sink = (text: string): void => void io.stdout.write(text);
    const signal = stopSignal();
    if (where.logFile) {
      io.stdout.write(tailLines(where.logFile, lines));
      await followLogFile(where.logFile, sink, signal);
      return 0;
    }
    const argv = followCommand(where);
    if (!argv) return noLogs(io.stderr, 'these logs cannot be followed');
    const code = await followCommandOutput(argv, deps.commands, sink, signal);
    return signal.aborted || code === 0 ? 0 : 1;
  };
}

/** `portlens logs`. */
export const logsCommand: CliCommand = makeLogsCommand(cliDeps);

function noLogs(stderr: NodeJS.WritableStream, reason: string | null): number {
  stderr.write(`portlens: no logs reachable: ${reason ?? 'unknown reason'}\n`);
  return 1;
}
