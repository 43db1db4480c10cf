/**
 * `portlens top`'s frame from real snapshots: two real child processes stream to a server of
 * ours at very different rates; the busier one must come first, per process and per connection.
 * Keys go through the same reducer the live command uses.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/model.js';
import { startChild, stopAllChildren, type Child } from '../../test-support/children.js';
import { createDefaultPipeline } from '../../core/snapshot/default-pipeline.js';
import { frameText, INITIAL_TOP_STATE, renderTop, topKey, type TopFrameInput } from './top-view.js';

/** A child that connects to `port` and writes `chunk` bytes every 10 ms. */
const streamer = (port: number, chunk: number): string => `
const s = require('net').connect(${port}, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: s.localPort }));
  setInterval(() => s.write(Buffer.alloc(${chunk})), 10);
});`;

let server: Server;
let busy: Child;
let quiet: Child;
let snapshot: Snapshot;

beforeAll(async () => {
  server = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  busy = await startChild(streamer(port, 64 * 1024));
  quiet = await startChild(streamer(port, 100));
  const { pipeline, close } = createDefaultPipeline();
  await pipeline.tick();
  await new Promise((resolve) => setTimeout(resolve, 500));
  snapshot = await pipeline.tick();
  close();
});
afterAll(async () => {
  await stopAllChildren();
  server.close();
});

const input = (): TopFrameInput => ({
  rows: snapshot.sockets,
  processOf: (pid) => snapshot.processes[String(pid)],
  time: snapshot.time,
  hiddenOwners: snapshot.hiddenOwners,
});

describe('top frame from real traffic', () => {
  it('lists processes busiest first, with their rates', () => {
    const lines = renderTop(input(), INITIAL_TOP_STATE, 200, 500);
    const header = lines.findIndex((text) => text.startsWith('PID') || text.trimStart().startsWith('PID'));
    const rowOf = (pid: number) => lines.findIndex((text, i) => i > header && text.trimStart().startsWith(`${pid} `));
    expect(rowOf(busy.pid)).toBeGreaterThan(header);
    expect(rowOf(quiet.pid)).toBeGreaterThan(rowOf(busy.pid));
    expect(lines[rowOf(busy.pid)]).toMatch(/MiB\/s|KiB\/s/);
  });

  it('lists connections busiest first after Tab, and fits the terminal', () => {
    const state = topKey(INITIAL_TOP_STATE, '\t');
    expect(state.view).toBe('connections');
    const lines = renderTop(input(), state, 200, 500);
    const busyLine = lines.findIndex((text) => text.includes(`(${busy.pid})`));
    const quietLine = lines.findIndex((text) => text.includes(`(${quiet.pid})`));
    expect(busyLine).toBeGreaterThan(0);
    expect(quietLine).toBeGreaterThan(busyLine);
    const small = renderTop(input(), state, 40, 8);
    expect(small.length).toBeLessThanOrEqual(8);
    for (const text of small) expect(text.length).toBeLessThanOrEqual(40);
  });

  it('keys: p and c choose the view, q and Ctrl-C quit, others change nothing', () => {
    expect(topKey(INITIAL_TOP_STATE, 'c').view).toBe('connections');
    expect(topKey(topKey(INITIAL_TOP_STATE, 'c'), 'p').view).toBe('processes');
    expect(topKey(INITIAL_TOP_STATE, 'q').quit).toBe(true);
    expect(topKey(INITIAL_TOP_STATE, '\u0003').quit).toBe(true);
    expect(topKey(INITIAL_TOP_STATE, 'x')).toEqual(INITIAL_TOP_STATE);
  });

  it('draws over the previous frame: cursor home, each line cleared to its end, the rest cleared', () => {
    expect(frameText(['a', 'b'])).toBe('\x1b[Ha\x1b[K\nb\x1b[K\x1b[J');
  });
});
