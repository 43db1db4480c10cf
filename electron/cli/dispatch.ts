/**
 * Runs one CLI invocation against a table of commands: help, version, usage errors and exit
 * codes are the same whichever entry (ESM or the one-shot CommonJS one) loaded the commands.
 * Exit codes: 0 ok, 1 a negative answer or a failed action, 2 bad arguments.
 */
import { UsageError, type CliCommand, type CliIo } from './io.js';

/** Set by the build (scripts/build.mjs) from package.json; absent when the sources run unbundled (tests). */
declare const __PORTLENS_VERSION__: string | undefined;

/** Loads a command (commands load lazily so each pays only for what it uses). */
export type CommandTable = Record<string, () => Promise<CliCommand>>;

export const USAGE = `PortLens — what is on this port, and why can't I reach it?

Usage:
  portlens list [--json|--csv|--resolve] [--wide] [--listening] [--tcp|--udp] [--port N] [--pid N]
  portlens list --idle [DURATION] [--json]
  portlens who <port | address:port> [--json]
  portlens watch [--json] [--interval MS]
  portlens kill <port | address:port | --pid N> [--force] [--yes] [--timeout MS] [--json]
  portlens restart <port | address:port | --pid N> [--yes] [--without-environment] [--timeout MS] [--json]
  portlens logs <port | address:port | --pid N> [--follow] [--lines N]
  portlens serve [--port N] [--open] [--poll MS] [--token-file FILE]
  portlens diagnose <address:port | port | URL> [--json] [--timeout MS]
  portlens explain <port | address:port> [--json]
  portlens audit [--json]
  portlens history [--since 1h] [--until TIME] [--port N] [--pid N] [--grep TEXT] [--limit N] [--json|--csv]
  portlens metrics [--out FILE] [--window MS]
  portlens top [--connections] [--interval MS] [--once]
  portlens close <local address:port> <remote address:port> [--yes] [--json]
  portlens help | --help | --version

A bare number is always a port. --no-color (or NO_COLOR=1) turns colour off. --source netlink|ss|proc|lsof|netstat forces a collector (list, who, watch).
list --processes proc|ps reads process details from /proc or with ps and lsof (macOS's way; the default there).
`;

/** Runs `argv` (without node and script) with `commands` and returns the exit code. */
export async function runWith(argv: string[], io: CliIo, commands: CommandTable): Promise<number> {
  // --no-color is for every command: taken out here, before a command parses its arguments.
  if (argv.includes('--no-color')) return runWith(argv.filter((arg) => arg !== '--no-color'), { ...io, color: false }, commands);
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${typeof __PORTLENS_VERSION__ === 'string' ? __PORTLENS_VERSION__ : 'unknown (unbundled sources)'}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr.write(`portlens: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`portlens ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`portlens ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
