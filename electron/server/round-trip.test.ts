// The contract over the browser-mode server with the real backend (in-process monitor, real
// ss/netlink and /proc): a call and the stream round-trip through a real WebSocket.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Calls } from '../contract/api.js';
import type { SocketRow } from '../contract/model.js';
import { createBackend } from '../core/backend/create-backend.js';
import type { Backend } from '../core/backend/backend.js';
import { startServer, type RunningServer } from './start-server.js';
import { WS_STREAM_PROTOCOL } from '../contract/wire/ws-protocol.js';
import { worthPacking } from '../contract/wire/packed-stream.js';
import { connectClient, httpGet, makeStaticDir, replyTo, streamOf, type TestClient } from './test-helpers.js';

describe('browser-mode server with the real backend', () => {
  const dirs = makeStaticDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'portlens-data-'));
  let backend: Backend;
  let server: RunningServer;
  let client: TestClient | undefined;
  let listener: Server | undefined;

  beforeAll(async () => {
    backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 250 });
    server = await startServer({ backend, staticDir: dirs.staticDir });
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    listener = undefined;
  });
  afterAll(async () => {
    await server?.close();
    await backend?.close();
    rmSync(dirs.root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers getSnapshot with a valid snapshot that includes the server itself', async () => {
    const c = await connectClient(server.port, server.token);
    client = c;
    let id = 0;
    // The backend's first snapshot may predate the server's listener: ask until a poll has seen it.
    const ownListener = async (): Promise<SocketRow | undefined> => {
      c.sendJson({ id: ++id, call: 'getSnapshot', request: {} });
      const reply = await c.next(replyTo(id));
      if (!('result' in reply) || !reply.result.ok) throw new Error(`getSnapshot failed: ${JSON.stringify(reply)}`);
      const snapshot = Calls.getSnapshot.response.parse(reply.result.value);
      return snapshot.sockets.find((row) => row.localPort === server.port && row.state === 'LISTEN');
    };
    await expect.poll(ownListener, { timeout: 45_000 }).toMatchObject({ protocol: 'tcp', localAddress: '127.0.0.1', scope: 'loopback' });
    expect((await ownListener())?.pids).toContain(process.pid);
  }, 60_000);

  it('packs the snapshot when the page is requested, and streams it to the page\'s socket at once', async () => {
    // The socket follows the page at once, so it usually finds the packing under way and finishes it.
    const page = await httpGet(server.port, '/');
    expect(page.status).toBe(200);
    client = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    const first = await client.next(streamOf('snapshot'), 45_000);
    expect(client.forms[client.messages.indexOf(first)]).toBe('packed');
    expect(Calls.getSnapshot.response.safeParse(first.stream.snapshot).success).toBe(true);
    expect(first.stream.snapshot.sockets.some((row) => row.pids.includes(process.pid))).toBe(true);
  }, 60_000);

  it('answers getProcess for this test process with its argv and cwd', async () => {
    client = await connectClient(server.port, server.token);
    client.sendJson({ id: 2, call: 'getProcess', request: { pid: process.pid } });
    const reply = await client.next(replyTo(2));
    if (!('result' in reply) || !reply.result.ok) throw new Error(`getProcess failed: ${JSON.stringify(reply)}`);
    const detail = Calls.getProcess.response.parse(reply.result.value);
    expect(detail.process.pid).toBe(process.pid);
    expect(detail.process.argv).toEqual(readFileSync('/proc/self/cmdline', 'utf8').replace(/\0$/, '').split('\0'));
    expect(detail.process.cwd).toBe(process.cwd());
  });

  it.each(['json', 'packed'] as const)('streams a snapshot, then a delta that adds a new listener and one that removes it (%s)', async (encoding) => {
    client = await connectClient(server.port, server.token);
    client.sendJson(encoding === 'json' ? { type: 'subscribe' } : { type: 'subscribe', encoding });
    const first = await client.next(streamOf('snapshot'), 45_000);
    expect(client.forms[client.messages.indexOf(first)]).toBe(encoding === 'json' ? 'stream' : 'packed');
    expect(first.stream.snapshot.sockets.some((row) => row.pids.includes(process.pid))).toBe(true);
    const server2 = createServer();
    listener = server2;
    // IPv6-only: the row's v6Only (true) must reach the page in either encoding.
    await new Promise<void>((resolve) => server2.listen({ port: 0, host: '::', ipv6Only: true }, () => resolve()));
    const port = (server2.address() as { port: number }).port;

    const added = await client.next(
      (m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.added.some((row) => row.localPort === port && row.state === 'LISTEN'),
      45_000,
    );
    if (!('stream' in added) || added.stream.type !== 'delta') throw new Error('expected a delta');
    // A delta of a few rows travels plain in either encoding; a big one (other sockets on the
    // machine changed in the same tick) travels packed to a packed subscriber (worthPacking).
    const packedForm = encoding !== 'json' && worthPacking(added.stream);
    expect(client.forms[client.messages.indexOf(added)]).toBe(packedForm ? 'packed' : 'stream');
    expect(added.stream.delta.seq).toBeGreaterThan(first.stream.snapshot.seq);
    const row = added.stream.delta.added.find((r) => r.localPort === port);
    expect(row?.pids).toContain(process.pid);
    expect(row).toMatchObject({ family: 6, localAddress: '::', v6Only: true });
    expect(added.stream.delta.events).toContainEqual(expect.objectContaining({ type: 'listen-opened', localPort: port }));

    await new Promise<void>((resolve) => server2.close(() => resolve()));
    listener = undefined;
    await client.next((m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.removed.includes(row?.id as string), 45_000);
  }, 120_000);
});
