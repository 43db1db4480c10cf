/** `portlens explain <port | address:port> [--json]`: plain-language facts about a port and an address. */
import { SEVERITY_MARK } from '../../contract/diagnose-words.js';
import { explain } from '../../core/diagnose/explain.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { parse } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

export const explainCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one port or address:port');
  const text = positionals[0] as string;
  const explanation = explain(text, await takeSnapshot());
  if (values.json) io.stdout.write(`${JSON.stringify(explanation)}\n`);
  else io.stdout.write(`${[explanation.input, ...explanation.facts.map((f) => `  ${SEVERITY_MARK[f.severity]} ${f.message}`)].join('\n')}\n`);
  // An impossible port or address is explained, and still a negative answer.
  return explanation.facts.some((f) => f.severity === 'error') ? 1 : 0;
};
