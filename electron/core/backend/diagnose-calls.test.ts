/** The diagnose, explain and audit calls through the real backend: answers match the contract's schemas. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls } from '../../contract/api.js';
import { startChild, stopAllChildren, tcpListenerScript } from '../../test-support/children.js';
import type { Backend } from './backend.js';
import { createBackend } from './create-backend.js';

let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portlens-diagnose-calls-'));
  backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 500 });
});
afterAll(async () => {
  await backend.close();
  await stopAllChildren();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('diagnose, explain and audit calls', () => {
  it('diagnose answers a family mismatch on a real ::1 server with the contract shape', async () => {
    const child = await startChild(tcpListenerScript('::1'));
    const port = child.ready.port as number;
    const result = await backend.call('diagnose', Calls.diagnose.request.parse({ target: `127.0.0.1:${port}`, timeoutMs: null }));
    if (!result.ok) throw new Error(result.error.message);
    expect(Calls.diagnose.response.parse(result.value).verdict).toBe('family-mismatch');
    expect(result.value.listeners[0]?.pid).toBe(child.pid);
  });

  it('explain and audit answer with the contract shape', async () => {
    const explained = await backend.call('explain', { target: 'localhost:619009' });
    if (!explained.ok) throw new Error(explained.error.message);
    expect(Calls.explain.response.parse(explained.value).facts[0]?.code).toBe('impossible');
    const audited = await backend.call('audit', {});
    if (!audited.ok) throw new Error(audited.error.message);
    expect(Calls.audit.response.safeParse(audited.value).success).toBe(true);
  });
});
