/** `GET /metrics` on browser mode with the real backend: the bearer token or nothing. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../core/backend/create-backend.js';
import type { Backend } from '../core/backend/backend.js';
import { parseExposition } from '../test-support/prometheus.js';
import { startServer, type RunningServer } from './start-server.js';
import { httpGet, makeStaticDir } from './test-helpers.js';

describe('GET /metrics', () => {
  const dirs = makeStaticDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'portlens-metrics-'));
  let backend: Backend;
  let server: RunningServer;
  let listener: Server;
  let port: number;

  beforeAll(async () => {
    listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
    backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 250, recordHistory: false });
    server = await startServer({ backend, staticDir: dirs.staticDir });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    rmSync(dirs.root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the exposition format to the bearer token, with our listener in it', async () => {
    const reply = await httpGet(server.port, '/metrics', { Authorization: `Bearer ${server.token}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parseExposition(reply.body);
    const ours = families.get('portlens_listeners')!.metrics.find((m) => m.labels?.port === String(port));
    expect(ours?.labels).toMatchObject({ address: '127.0.0.1', scope: 'loopback', protocol: 'tcp' });
    expect(Number(families.get('portlens_poll_duration_seconds')?.metrics[0]?.value)).toBeGreaterThan(0);
  });

  it('refuses without the token, with a wrong one, with the token in the URL, and from another Host', async () => {
    expect((await httpGet(server.port, '/metrics')).status).toBe(401);
    expect((await httpGet(server.port, '/metrics', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await httpGet(server.port, `/metrics?token=${server.token}`)).status).toBe(401);
    const foreign = await httpGet(server.port, '/metrics', { Authorization: `Bearer ${server.token}`, Host: 'evil.example:80' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('portlens_');
  });
});
