/**
 * `portlens top`: live traffic per process (or per connection), busiest first, redrawn in
 * place once per poll, like bandwhich or nethogs; `q` quits. Without a terminal (or with
 * `--once`) it prints one frame after two polls (rates need two) and exits.
 */
import { startMonitor } from '../../core/monitor/monitor-host.js';
import type { Snapshot } from '../../contract/model.js';
import { parse, positiveIntArg } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';
import { frameText, INITIAL_TOP_STATE, renderTop, topKey, type TopFrameInput, type TopState } from '../top/top-view.js';

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

export const topCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(
    args,
    { interval: { type: 'string' }, once: { type: 'boolean' }, connections: { type: 'boolean' } },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const intervalMs = values.interval === undefined ? 1000 : positiveIntArg(values.interval, '--interval');
  if (intervalMs < 200) throw new UsageError('--interval must be at least 200 ms');
  const state: TopState = { ...INITIAL_TOP_STATE, view: values.connections ? 'connections' : 'processes' };
  const live = io.interactive && !values.once;
  return live ? runLive(io, intervalMs, state) : runOnce(io, intervalMs, state);
};

function frameInput(snapshot: Snapshot): TopFrameInput {
  return { rows: snapshot.sockets, processOf: (pid) => snapshot.processes[String(pid)], time: snapshot.time, hiddenOwners: snapshot.hiddenOwners };
}

async function runOnce(io: CliIo, intervalMs: number, state: TopState): Promise<number> {
  const monitor = startMonitor({ workerPath: null, intervalMs, quietHeartbeatMs: null });
  try {
    const second = await new Promise<Snapshot | null>((resolve) => {
      let seen = 0;
      monitor.onMessage((message) => {
        if (message.type === 'error') resolve(null);
        if ((message.type === 'snapshot' || message.type === 'delta') && ++seen === 2) resolve(monitor.current());
      });
    });
    if (!second) {
      io.stderr.write('portlens top: the monitor could not take a snapshot\n');
      return 1;
    }
    io.stdout.write(`${renderTop(frameInput(second), state, 200, 60).join('\n')}\n`);
    return 0;
  } finally {
    await monitor.close();
  }
}

async function runLive(io: CliIo, intervalMs: number, initial: TopState): Promise<number> {
  const stdout = io.stdout as NodeJS.WriteStream;
  const stdin = io.stdin as NodeJS.ReadStream;
  let state = initial;
  const monitor = startMonitor({ workerPath: null, intervalMs, quietHeartbeatMs: null });
  const draw = (): void => {
    const snapshot = monitor.current();
    if (snapshot) stdout.write(frameText(renderTop(frameInput(snapshot), state, stdout.columns || 100, stdout.rows || 30)));
  };
  stdout.write(ENTER_SCREEN);
  monitor.onMessage((message) => {
    if (message.type === 'snapshot' || message.type === 'delta') draw();
  });
  stdout.on('resize', draw);
  stdin.setRawMode?.(true);
  stdin.resume();
  await new Promise<void>((resolve) => {
    const onKey = (chunk: Buffer): void => {
      state = topKey(state, chunk.toString('utf8'));
      if (state.quit) {
        stdin.off('data', onKey);
        resolve();
      } else draw();
    };
    stdin.on('data', onKey);
    process.once('SIGTERM', () => resolve());
  });
  stdin.setRawMode?.(false);
  stdin.pause();
  stdout.off('resize', draw);
  stdout.write(LEAVE_SCREEN);
  await monitor.close();
  return 0;
}
