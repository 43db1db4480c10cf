/** The diagnose, explain and audit calls through the real backend: answers match the contract's schemas. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls } from '../../contract/api.js';
import { connect } from 'node:net';
import { startChild, stopAllChildren, tcpListenerScript, waitFor } from '../../test-support/children.js';
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

  it('idle detection with a short threshold: a new listener is not idle, then is; a connection makes it active again', async () => {
    const child = await startChild(`const s=require('net').createServer((c)=>c.on('data',(d)=>c.write(d)));s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({port:s.address().port})))`);
    const port = child.ready.port as number;
    const idle = async (): Promise<boolean> => {
      const result = await backend.call('idleListeners', { idleMs: 1500 });
      if (!result.ok) throw new Error(result.error.message);
      Calls.idleListeners.response.parse(result.value);
      return result.value.listeners.some((l) => l.localPort === port && l.pid === child.pid && l.idle);
    };
    // The monitor sees it open (fresh), then after 1.5 s without traffic it is idle.
    await waitFor(async () => (await backend.call('getSnapshot', {})).ok, 10_000, 'a snapshot');
    expect(await idle()).toBe(false);
    await waitFor(idle, 15_000, 'the listener to become idle');
    // A client connects and talks: the next polls see the connection and its bytes.
    const client = connect({ host: '127.0.0.1', port });
    client.on('data', () => {});
    const talking = setInterval(() => client.write('ping'), 100);
    try {
      await waitFor(async () => !(await idle()), 15_000, 'the listener to count as active');
    } finally {
      clearInterval(talking);
      client.destroy();
    }
  });
});
