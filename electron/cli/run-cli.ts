/**
 * The `portlens` command with every subcommand loaded lazily from its module (the ESM build,
 * dist/node/cli.mjs, and the tests). See dispatch.ts for the shared behaviour and main-one-shot.ts
 * for the entry `list` and `who` start from.
 */
import { runWith, type CommandTable } from './dispatch.js';
import type { CliIo } from './io.js';

const COMMANDS: CommandTable = {
  list: async () => (await import('./commands/list.js')).listCommand,
  who: async () => (await import('./commands/who.js')).whoCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
  kill: async () => (await import('./commands/kill.js')).killCommand,
  restart: async () => (await import('./commands/restart.js')).restartCommand,
  logs: async () => (await import('./commands/logs.js')).logsCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  diagnose: async () => (await import('./commands/diagnose.js')).diagnoseCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  history: async () => (await import('./commands/history.js')).historyCommand,
  metrics: async () => (await import('./commands/metrics.js')).metricsCommand,
  top: async () => (await import('./commands/top.js')).topCommand,
  close: async () => (await import('./commands/close.js')).closeCommand,
};

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export function runCli(argv: string[], io: CliIo): Promise<number> {
  return runWith(argv, io, COMMANDS);
}
