/**
 * `portlens restart <port | address:port | --pid N> [--yes] [--without-environment] [--timeout MS] [--json]`:
 * shows how the owner will be restarted (the manager's command, or PortLens's own stop and
 * start) and asks; an unreadable environment needs its own, explicit consent.
 */
import type { RestartPreview, RestartResult } from '../../contract/api.js';
import { logFilePath, previewRestart, quoteArg, restart } from '../../core/actions/index.js';
import type { CliCommand } from '../io.js';
import {
  cliDeps,
  confirm,
  declined,
  failure,
  optionalRangeArg,
  parseTarget,
  subjectText,
  type DepsFactory,
} from './kill.js';

/** `restart`'s command, over the given dependencies. */
export function makeRestartCommand(makeDeps: DepsFactory): CliCommand {
  return async (args, io) => {
    const { values, target } = parseTarget(args, {
      yes: { type: 'boolean', short: 'y' },
      'without-environment': { type: 'boolean' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    const timeoutMs = optionalRangeArg(values.timeout, '--timeout', 500, 300_000);
    const json = Boolean(values.json);
    const deps = makeDeps();
    const text = json ? io.stderr : io.stdout;

    const preview = await previewRestart(target, deps);
    if (!preview.ok) return failure(io, json, preview.error);
    text.write(previewText(preview.value, deps.dataDir));
    const { subject } = preview.value;
    if (subject.refusal)
      return failure(io, json, {
        code: 'refused',
        message: `PortLens will not restart ${subject.refusal}`,
        detail: null,
      });

    let withoutEnvironment = Boolean(values['without-environment']);
    if (preview.value.method === 'process' && !preview.value.environmentReadable && !withoutEnvironment) {
      // --yes alone is not consent to this: the service may need variables PortLens lacks.
      const answer = await confirm(
        io,
        `Its environment cannot be read. Restart it with PortLens's environment instead?`,
      );
      if (answer !== 'yes')
        return declined(io, json, answer, 'nothing was restarted', '--without-environment (and --yes)');
      withoutEnvironment = true;
    }
    if (!values.yes) {
      const answer = await confirm(io, 'Restart it?');
      if (answer !== 'yes') return declined(io, json, answer, 'nothing was restarted');
    }

    const result = await restart(
      { pid: subject.process.pid, startTime: subject.process.startTime, withoutEnvironment, timeoutMs, command: preview.value.command },
      deps,
    );
    if (!result.ok) return failure(io, json, result.error);
    io.stdout.write(json ? `${JSON.stringify(result.value)}\n` : resultText(result.value));
    return 0;
  };
}

/** `portlens restart`. */
export const restartCommand: CliCommand = makeRestartCommand(cliDeps);

function previewText(preview: RestartPreview, dataDir: string): string {
  const lines = [subjectText(preview.subject).trimEnd()];
  const command = preview.command.map(quoteArg).join(' ');
  if (preview.method === 'process') {
    const { process: info } = preview.subject;
    lines.push(`Restart by PortLens: stop pid ${info.pid} (SIGTERM, then SIGKILL), then start again:`);
    lines.push(`  ${command}`);
    lines.push(
      `  in ${preview.cwd ?? '(unreadable working directory)'}, ${preview.environmentReadable ? 'with its environment' : "with PortLens's environment (its own cannot be read)"}`,
    );
    lines.push(`  output appended to ${logFilePath(dataDir, info.name, preview.ports[0] ?? null)}`);
  } else {
    lines.push(`Restart through ${preview.method}: ${command}`);
  }
  if (preview.ports.length) lines.push(`Done when port ${preview.ports.join(', ')} listens again.`);
  return `${lines.join('\n')}\n`;
}

function resultText(result: RestartResult): string {
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const pid = result.newPid === null ? 'new pid unknown' : `pid ${result.oldPid} → ${result.newPid}`;
  const ports = result.ports.length ? `, listening on ${result.ports.join(', ')} again` : '';
  const lines = [`Restarted through ${result.method} (${pid})${ports} in ${seconds} s.`];
  if (result.logFile) lines.push(`Output: ${result.logFile}`);
  return `${lines.join('\n')}\n`;
}
