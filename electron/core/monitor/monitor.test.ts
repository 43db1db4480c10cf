/** The monitor against the real machine: real children, real sockets, real collector. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ownerState } from '../../contract/row-fields.js';
import { startChild, stopAllChildren, tcpListenerScript, waitFor } from '../../test-support/children.js';
import type { Delta, Snapshot } from '../model.js';
import { createDefaultPipeline } from '../snapshot/default-pipeline.js';
import type { MonitorMessage } from './messages.js';
import { Monitor } from './monitor.js';
import { startMonitor } from './monitor-host.js';
import { lowerThreadPriority, MONITOR_NICE } from './thread-priority.js';
import { applyDelta } from '../diff/apply-delta.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const closers: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await stopAllChildren();
});
afterAll(stopAllChildren);

/** A monitor driven tick by tick, recording what it says. */
function manualMonitor(): { monitor: Monitor; messages: MonitorMessage[]; lastDelta(): Delta } {
  const { pipeline, close } = createDefaultPipeline();
  closers.push(close);
  const monitor = new Monitor(pipeline, 1000);
  const messages: MonitorMessage[] = [];
  monitor.onMessage((message) => messages.push(message));
  const lastDelta = (): Delta => {
    const deltas = messages.filter((m): m is Extract<MonitorMessage, { type: 'delta' }> => m.type === 'delta');
    return deltas[deltas.length - 1]!.delta;
  };
  return { monitor, messages, lastDelta };
}

describe('Monitor', () => {
  it('announces a full snapshot first, then deltas', async () => {
    const { monitor, messages } = manualMonitor();
    await monitor.tick();
    await monitor.tick();
    const kinds = messages.filter((m) => m.type !== 'tick-stats').map((m) => m.type);
    expect(kinds).toEqual(['snapshot', 'delta']);
  });

  it('a child that exits disappears within one tick, with listen-closed naming its owner', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const { monitor, lastDelta } = manualMonitor();
    await monitor.tick();
    const row = monitor.snapshot()!.sockets.find((r) => r.localPort === child.ready.port && r.pids.includes(child.pid));
    expect(row).toBeDefined();

    await child.stop();
    await monitor.tick();
    const delta = lastDelta();
    expect(delta.removed).toContain(row!.id);
    const closed = delta.events.find((e) => e.type === 'listen-closed' && e.rowId === row!.id);
    expect(closed).toMatchObject({ localPort: child.ready.port, pids: [child.pid], process: { pid: child.pid, name: 'node' } });
  });

  it('a new listener arrives as added with listen-opened naming its owner', async () => {
    const { monitor, lastDelta } = manualMonitor();
    await monitor.tick();
    const child = await startChild(tcpListenerScript('0.0.0.0'));
    await monitor.tick();
    const opened = lastDelta().events.find((e) => e.type === 'listen-opened' && e.localPort === child.ready.port);
    expect(opened).toMatchObject({ scope: 'all', pids: [child.pid], process: { name: 'node', pid: child.pid } });
  });

  it('rates come from counter deltas between ticks, and a TIME_WAIT row keeps its owner', async () => {
    // One child: a server that echoes, and a client that sends 1 MB on request then closes first
    // (the side that closes first goes to TIME_WAIT).
    const child = await startChild(`
      const net = require('net');
      const server = net.createServer((s) => s.on('data', (d) => s.write(d)));
      server.listen(0, '127.0.0.1', () => {
        const client = net.connect(server.address().port, '127.0.0.1', () => {
          console.log(JSON.stringify({ port: server.address().port, clientPort: client.localPort }));
        });
        client.on('data', () => {});
        process.on('SIGUSR1', () => client.write(Buffer.alloc(1 << 20, 1)));
        process.on('SIGUSR2', () => client.end());
      });`);
    const { monitor } = manualMonitor();
    const clientRow = (s: Snapshot) => s.sockets.find((r) => r.localPort === child.ready.clientPort && r.remotePort === child.ready.port);
    await monitor.tick();
    const before = clientRow(monitor.snapshot()!)!;
    expect(before.pids).toEqual([child.pid]);

    child.process.kill('SIGUSR1');
    await waitFor(async () => {
      await monitor.tick();
      return (clientRow(monitor.snapshot()!)?.bytesReceived ?? 0) >= 1 << 20;
    }, 10_000, '1 MB echoed');
    const during = clientRow(monitor.snapshot()!)!;
    expect(during.bytesSent).toBeGreaterThanOrEqual(1 << 20);
    expect(during.id).toBe(before.id);

    child.process.kill('SIGUSR2');
    const closed = await waitFor(async () => {
      await monitor.tick();
      const row = clientRow(monitor.snapshot()!);
      return row?.state === 'TIME_WAIT' ? row : null;
    }, 10_000, 'TIME_WAIT');
    expect(closed.inode).toBe(0);
    expect(closed.pids).toEqual([child.pid]);
    // Kept as history: the kernel holds it now, never a target for an action.
    expect(closed.ownerReason).toBe('last-known');
    expect(ownerState(closed)).toBe('history');
  });

  it('rates are bytes per second over the poll interval', async () => {
    const child = await startChild(`
      const net = require('net');
      const server = net.createServer((s) => s.on('data', () => {}));
      server.listen(0, '127.0.0.1', () => {
        const client = net.connect(server.address().port, '127.0.0.1', () => {
          console.log(JSON.stringify({ port: server.address().port, clientPort: client.localPort }));
          setInterval(() => client.write(Buffer.alloc(64 * 1024)), 20);
        });
      });`);
    const { monitor } = manualMonitor();
    await monitor.tick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await monitor.tick();
    const row = monitor.snapshot()!.sockets.find((r) => r.localPort === child.ready.clientPort);
    expect(row?.sendRate).toBeGreaterThan(0);
  });
});

describe('startMonitor', () => {
  it('runs in a worker thread and keeps the current snapshot by applying deltas', async () => {
    const workerPath = `${root}dist/node/monitor-worker.mjs`;
    if (!existsSync(workerPath)) spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root });
    const handle = startMonitor({ workerPath, intervalMs: 200 });
    closers.push(() => handle.close());
    const first = await handle.ready();
    expect(first.sockets.length).toBeGreaterThan(0);

    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const seen = await waitFor(
      () => handle.current()?.sockets.find((r) => r.localPort === child.ready.port && r.pids.includes(child.pid)),
      10_000,
      'the child in the worker-fed snapshot',
    );
    expect(seen.state).toBe('LISTEN');
    expect(handle.current()!.processes[child.pid]?.name).toBe('node');

    // Readers on this thread (the tray) see the same live snapshot, in place, as it changes.
    const changed = await new Promise<number>((resolve) => {
      const subscription = handle.onDidChange((view) => {
        subscription.dispose();
        resolve(view.seq);
      });
    });
    const view = handle.view()!;
    expect(view.seq).toBeGreaterThanOrEqual(changed);
    expect([...view.currentRows()].some((r) => r.localPort === child.ready.port)).toBe(true);
    expect(view.process(child.pid)?.name).toBe('node');
  });
});

describe('the monitor worker thread', () => {
  /** Nice value of each thread of this process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
  const niceOfThreads = (): Map<number, number> =>
    new Map(
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
      }),
    );

  it.runIf(process.platform === 'linux')('polls at a lower priority, and leaves the thread that started it alone', async () => {
    const workerPath = `${root}dist/node/monitor-worker.mjs`;
    if (!existsSync(workerPath)) spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root });
    const before = niceOfThreads().get(process.pid);
    const handle = startMonitor({ workerPath, intervalMs: 200 });
    closers.push(() => handle.close());
    await handle.ready();
    const after = niceOfThreads();
    expect(after.get(process.pid)).toBe(before);
    expect([...after.values()]).toContain(Math.max(before ?? 0, MONITOR_NICE));
  });

});

describe('lowerThreadPriority (stub OS)', () => {
  const stubOs = (platform: NodeJS.Platform, nice: number) => {
    const os = {
      platform,
      nice,
      calls: [] as number[],
      getPriority: () => os.nice,
      setPriority: (priority: number) => {
        os.calls.push(priority);
        os.nice = priority;
      },
    };
    return os;
  };

  it('lowers a normal thread, never raises a lower one, and leaves other platforms alone (stub)', () => {
    const normal = stubOs('linux', 0);
    expect(lowerThreadPriority(10, normal)).toBe(true);
    expect(normal.calls).toEqual([10]);
    const lower = stubOs('linux', 15);
    expect(lowerThreadPriority(10, lower)).toBe(true);
    expect(lower.calls).toEqual([]);
    // Elsewhere a nice value is the whole process's: the window's thread would slow down too.
    const mac = stubOs('darwin', 0);
    expect(lowerThreadPriority(10, mac)).toBe(false);
    expect(mac.calls).toEqual([]);
  });

  it('carries on at normal priority when the OS refuses (stub)', () => {
    const refusing = {
      platform: 'linux' as const,
      getPriority: () => 0,
      setPriority: () => {
        throw new Error('EACCES');
      },
    };
    expect(lowerThreadPriority(10, refusing)).toBe(false);
  });
});

describe('Monitor with quietHeartbeatMs', () => {
  it('announces every change within one tick with contiguous seqs, and the announcements rebuild its snapshot', async () => {
    const { pipeline, close } = createDefaultPipeline();
    closers.push(close);
    const monitor = new Monitor(pipeline, 1000, { quietHeartbeatMs: 60_000 });
    const announced: Array<Extract<MonitorMessage, { type: 'snapshot' | 'delta' }>> = [];
    monitor.onMessage((message) => (message.type === 'snapshot' || message.type === 'delta') && announced.push(message));
    await monitor.tick();
    await monitor.tick();

    const child = await startChild(tcpListenerScript('127.0.0.1'));
    await monitor.tick();
    const last = announced[announced.length - 1]!;
    expect(last.type).toBe('delta');
    const row = last.type === 'delta' ? last.delta.added.find((r) => r.localPort === child.ready.port) : undefined;
    expect(row?.pids).toEqual([child.pid]);
    for (let i = 0; i < 3; i++) await monitor.tick();

    let rebuilt: Snapshot | null = null;
    for (const message of announced) {
      if (message.type === 'snapshot') rebuilt = message.snapshot;
      else rebuilt = applyDelta(rebuilt!, message.delta); // throws on a seq gap
    }
    const current = monitor.snapshot()!;
    expect(rebuilt!.seq).toBe(current.seq);
    expect(rebuilt!.sockets.map((r) => r.id).sort()).toEqual(current.sockets.map((r) => r.id).sort());
  });
});
