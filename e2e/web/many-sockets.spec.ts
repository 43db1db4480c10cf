// 20,000 real loopback sockets (10,000 connections, both ends): the table still scrolls to its
// last row and filters. Times are logged for the record; only a hang fails.
import type { StreamMessage } from '../../electron/contract/api.js';
import { unpackStreamMessage } from '../../electron/contract/wire/packed-stream.js';
import { startSocketFarm, type SocketFarm } from '../../scripts/lib/socket-farm.mjs';
import { expect, test } from '../support/fixtures.js';
import { firstNumber, scenarioManySockets } from '../support/scenarios.js';
import { webHelpers } from '../support/web-helpers.js';

const CONNECTIONS = 10_000;

test.describe('a busy machine', () => {
  let farm: SocketFarm | undefined;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    farm = await startSocketFarm({ tcpConnections: CONNECTIONS, listeners: 4 });
  });
  test.afterAll(async () => {
    await farm?.stop();
  });

  test('with 20,000 sockets the table scrolls to the end and filters', async ({ app, servers }) => {
    test.setTimeout(300_000);
    await scenarioManySockets(app, webHelpers(servers), CONNECTIONS * 2);
  });

  test('the first snapshot comes in two parts, listening sockets first, and the table ends up whole', async ({
    page,
    portlens,
  }) => {
    test.setTimeout(300_000);
    const frames: string[] = [];
    const sent: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => frames.push(String(payload)));
      ws.on('framesent', ({ payload }) => sent.push(String(payload)));
    });
    await page.goto(portlens.url);
    const status = page.getByTestId('status-rows');
    await expect
      .poll(async () => firstNumber(await status.textContent()), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(CONNECTIONS * 2);
    await expect(page.getByTestId('status-incoming')).toHaveCount(0);
    // The first part was on screen (committed) before the rest was.
    type Perf = { firstDataAt: number | null; wholeAt: number | null };
    const perf = await page.evaluate(() => (window as unknown as { __portlensPerf?: Perf }).__portlensPerf);
    expect(perf?.firstDataAt).not.toBeNull();
    expect(perf?.wholeAt).toBeGreaterThan(perf?.firstDataAt ?? Infinity);

    // What the page received, in order: the first part, then the rest, then the live updates.
    // (Call answers, e.g. the names the page asks for once rows show, share the socket: skip them.)
    const stream = frames
      .map((text) => JSON.parse(text) as { packed?: unknown; stream?: StreamMessage })
      .filter((frame) => frame.packed !== undefined || frame.stream !== undefined);
    const read = (frame: { packed?: unknown; stream?: StreamMessage } | undefined): StreamMessage | null => {
      if (frame?.stream) return frame.stream;
      const unpacked = unpackStreamMessage(frame?.packed);
      return unpacked.ok ? unpacked.value : null;
    };
    const first = read(stream[0]);
    const rest = read(stream[1]);
    if (first?.type !== 'snapshot' || rest?.type !== 'snapshot-rest') {
      throw new Error(`expected a snapshot's two parts first, got ${first?.type} then ${rest?.type}`);
    }
    const listening = (row: { state: string; protocol: string }) =>
      row.state === 'LISTEN' || (row.protocol === 'udp' && row.state === 'UNCONN');
    expect(first.snapshot.sockets.length).toBeGreaterThan(0);
    expect(first.snapshot.sockets.every(listening)).toBe(true);
    expect(first.rest).toBe(rest.sockets.length);
    expect(rest).toMatchObject({ seq: first.snapshot.seq, rest: 0 });
    expect(rest.sockets.some(listening)).toBe(false);
    // The page asked for the rest once it had shown the first part.
    expect(sent.filter((text) => text === JSON.stringify({ type: 'snapshot-rest' }))).toHaveLength(1);
    expect(first.snapshot.sockets.length + rest.sockets.length).toBeGreaterThanOrEqual(CONNECTIONS * 2);
  });
});
