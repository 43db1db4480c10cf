/**
 * `portlens metrics`: the machine's ports as Prometheus text, for node_exporter's textfile
 * collector (`--out /var/lib/node_exporter/textfile/portlens.prom`, written atomically) or
 * stdout. Two polls `--window` apart, so the rates are real.
 */
import { createDefaultPipeline } from '../../core/snapshot/default-pipeline.js';
import { metricsInputOf, renderPortMetrics, writeFileAtomic } from '../../core/metrics/index.js';
import { parse, positiveIntArg } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';
import { sourceArg } from './source-arg.js';

const DEFAULT_WINDOW_MS = 1000;

export const metricsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(
    args,
    { out: { type: 'string', short: 'o' }, window: { type: 'string' }, source: { type: 'string' } },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (values.out === '') throw new UsageError('--out needs a file name');
  const windowMs = values.window === undefined ? DEFAULT_WINDOW_MS : positiveIntArg(values.window, '--window');
  if (windowMs > 60_000) throw new UsageError('--window must be at most 60000 ms');
  const prefer = sourceArg(values.source);
  const { pipeline, close } = createDefaultPipeline(prefer ? { prefer } : {});
  try {
    await pipeline.tick();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const started = performance.now();
    const snapshot = await pipeline.tick();
    const text = renderPortMetrics(metricsInputOf(snapshot, performance.now() - started));
    if (values.out === undefined) io.stdout.write(text);
    else writeFileAtomic(values.out, text);
  } finally {
    close();
  }
  return 0;
};
