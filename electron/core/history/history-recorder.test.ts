/**
 * The recorder on a real monitor: a real child listens, a real connection opens, moves bytes
 * and closes, the child exits; the history then holds each event with its owner, peer and
 * bytes. And one recorder per directory: the lease keeps a second one silent until the first
 * lets go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HistoryQuery } from '../../contract/history.js';
import { startChild, stopAllChildren, tcpListenerScript } from '../../test-support/children.js';
import { Monitor } from '../monitor/monitor.js';
import { createDefaultPipeline } from '../snapshot/default-pipeline.js';
import { historyDir, queryHistory } from './history-store.js';
import { FLUSH_MS, HistoryRecorder } from './history-recorder.js';

const ALL: HistoryQuery = { since: null, until: null, port: null, pid: null, text: null, limit: 10_000 };
const roots: string[] = [];
const closers: Array<() => void> = [];
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
afterAll(stopAllChildren);

function tempDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'portlens-recorder-'));
  roots.push(root);
  return root;
}

function recorderFor(dataDir: string): HistoryRecorder {
  const recorder = new HistoryRecorder({ dir: historyDir(dataDir), root: dataDir });
  closers.push(() => recorder.close());
  return recorder;
}

describe('HistoryRecorder on a real monitor', () => {
  it('records a listener, a connection with its bytes at close, and the listener closing', async () => {
    const dataDir = tempDataDir();
    const recorder = recorderFor(dataDir);
    const { pipeline, close } = createDefaultPipeline();
    closers.push(close);
    const monitor = new Monitor(pipeline, 1000, { observer: recorder.observe.bind(recorder) });
    await monitor.tick();

    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const port = child.ready['port'] as number;
    await monitor.tick();
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const clientPort = socket.localPort!;
    await new Promise<void>((resolve) => socket.write(Buffer.alloc(5000, 1), () => resolve()));
    await monitor.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await monitor.tick(); // the counters after the write
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await monitor.tick();
    await child.stop();
    await monitor.tick();

    // No flush by hand: the recorder's own timer writes within FLUSH_MS.
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 300));
    const events = queryHistory(historyDir(dataDir), { ...ALL, port }).events;
    const ofClient = events.filter((e) => e.localPort === clientPort);
    expect(events.find((e) => e.type === 'listen-opened' && e.localPort === port)).toMatchObject({
      pid: child.pid,
      processName: 'node',
      localAddress: '127.0.0.1',
      protocol: 'tcp',
    });
    expect(ofClient.map((e) => e.type)).toEqual(['connection-opened', 'connection-closed']);
    expect(ofClient[1]).toMatchObject({ remoteAddress: '127.0.0.1', remotePort: port, pid: process.pid });
    expect(ofClient[1]!.bytesSent).toBeGreaterThanOrEqual(5000);
    const closed = events.find((e) => e.type === 'listen-closed' && e.localPort === port);
    expect(closed).toMatchObject({ pid: child.pid });
    expect(closed!.time).toBe(Math.max(...events.map((e) => e.time)));
  });

  it('one recorder per data directory: the second records nothing until the first lets go', async () => {
    const dataDir = tempDataDir();
    const first = recorderFor(dataDir);
    const second = recorderFor(dataDir);
    const { pipeline, close } = createDefaultPipeline();
    closers.push(close);
    const snapshot = await pipeline.tick();
    first.observe(null, snapshot, null);
    second.observe(null, snapshot, null);
    expect(first.recording).toBe(true);
    expect(second.recording).toBe(false);
    first.close();
    second.observe(null, { ...snapshot, time: snapshot.time + 10_000 }, null); // its next try
    expect(second.recording).toBe(true);
    second.flush();
    const listeners = snapshot.sockets.filter((row) => row.state === 'LISTEN' || row.state === 'UNCONN').length;
    // The first wrote the listeners open at its start; the second, on taking over, again.
    expect(queryHistory(historyDir(dataDir), ALL).events.filter((e) => e.type === 'listen-opened')).toHaveLength(listeners * 2);
  });
});
