/** `portlens watch`: port events as they happen, until interrupted. */
import type { PortEvent } from '../../contract/model.js';
import { startMonitor } from '../../core/monitor/monitor-host.js';
import { parse, positiveIntArg } from '../args.js';
import { endpoint } from '../format.js';
import { formatTime, protocolName } from '../../contract/display-text.js';
import { UsageError, type CliCommand } from '../io.js';
import { sourceArg } from './source-arg.js';

export const watchCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(
    args,
    { json: { type: 'boolean' }, interval: { type: 'string' }, source: { type: 'string' } },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const intervalMs = values.interval === undefined ? 1000 : positiveIntArg(values.interval, '--interval');
  if (intervalMs < 100) throw new UsageError('--interval must be at least 100 ms');
  const prefer = sourceArg(values.source);

  const monitor = startMonitor({ workerPath: null, intervalMs, ...(prefer ? { prefer } : {}) });
  monitor.onMessage((message) => {
    if (message.type === 'delta') {
      for (const event of message.delta.events) io.stdout.write(values.json ? `${JSON.stringify(event)}\n` : eventLine(event));
    } else if (message.type === 'error') {
      io.stderr.write(`portlens: ${message.message}\n`);
    }
  });
  if (!values.json) io.stdout.write('watching for ports opening and closing (Ctrl-C to stop)\n');

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await monitor.close();
  return 0;
};

function eventLine(event: PortEvent): string {
  const time = formatTime(event.time);
  const verb = event.type === 'listen-opened' ? 'opened' : 'closed';
  const owner = event.process ? `${event.process.name} (${event.process.pid})` : event.pids.length ? `pid ${event.pids.join(',')}` : 'owner unknown';
  return `${time}  ${verb}  ${protocolName(event)} ${endpoint(event.localAddress, event.localPort).padEnd(24)} ${owner}\n`;
}
