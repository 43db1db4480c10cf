/** The real backend (in-process monitor) against real children. */
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../contract/api.js';
import { startChild, stopAllChildren, tcpListenerScript, waitFor } from '../../test-support/children.js';
import type { Backend } from './backend.js';
import { createBackend } from './create-backend.js';
import { readStat } from '../owners/index.js';

let backend: Backend;
let dataDir: string;
const messages: StreamMessage[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portlens-backend-'));
  backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 200 });
  backend.subscribe((message) => messages.push(message));
});
afterAll(async () => {
  await backend.close();
  await stopAllChildren();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createBackend', () => {
  it('streams a full snapshot first, then deltas', async () => {
    await waitFor(() => messages.some((m) => m.type === 'delta'), 10_000, 'a delta');
    expect(messages[0]?.type).toBe('snapshot');
    const firstDelta = messages.find((m) => m.type === 'delta');
    expect(firstDelta && firstDelta.type === 'delta' && firstDelta.delta.seq).toBeGreaterThan(0);
  });

  it('a late subscriber gets the current snapshot at once', async () => {
    const late: StreamMessage[] = [];
    const unsubscribe = backend.subscribe((message) => late.push(message));
    expect(late[0]?.type).toBe('snapshot');
    unsubscribe();
  });

  it('a new listener is announced by one notify message naming its process and address', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const notify = await waitFor(
      () =>
        messages.find(
          (m) => m.type === 'notify' && `${m.notification.title}\n${m.notification.body}`.includes(`127.0.0.1:${child.ready.port}`),
        ),
      10_000,
      'a notification',
    );
    // Other ports may open in the same tick on a busy machine; then one notification lists them all.
    const text = notify.type === 'notify' ? `${notify.notification.title}\n${notify.notification.body}` : '';
    // Forms: "node opened <addr>"; "N ports opened" listing "node <addr>"; "node opened N ports" listing "<addr>".
    const address = `127\\.0\\.0\\.1:${child.ready.port}\\b`;
    expect(text).toMatch(new RegExp(`node (opened )?${address}|^node opened \\d+ ports\\n(.*, )?${address}`));
    const mentions = messages.filter(
      (m) => m.type === 'notify' && `${m.notification.title}\n${m.notification.body}`.includes(`127.0.0.1:${child.ready.port}`),
    );
    expect(mentions).toHaveLength(1);
  });

  it('a listener that closes within the settle time is never notified', async () => {
    // Listens, then exits 300 ms later: a test suite's throwaway port.
    const child = await startChild(`${tcpListenerScript('127.0.0.1')}setTimeout(()=>process.exit(0),300);`);
    const port = child.ready.port;
    await waitFor(
      () => messages.some((m) => m.type === 'delta' && m.delta.events.some((e) => e.type === 'listen-closed' && e.localPort === port)),
      10_000,
      'the listener closing',
    );
    // Well past the settle time: a notification would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const mentions = messages.filter((m) => m.type === 'notify' && m.notification.body.concat(m.notification.title).includes(`:${port}`));
    expect(mentions).toHaveLength(0);
  });

  it('getProcess returns the owner with its parents and sockets', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.1'));
    await waitFor(async () => {
      const result = await backend.call('getSnapshot', {});
      return result.ok && result.value.sockets.some((row) => row.pids.includes(child.pid));
    }, 10_000, 'the child in a snapshot');
    const result = await backend.call('getProcess', { pid: child.pid });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.process).toMatchObject({ pid: child.pid, name: 'node' });
    expect(result.value.parents[0]?.pid).toBe(process.pid);
    expect(result.value.parents.at(-1)?.pid).toBe(1);
    expect(result.value.sockets.map((row) => row.localPort)).toContain(child.ready.port);
    expect(result.value.environmentReadable).toBe(true);
  });

  it('getProcess of a pid that does not exist is a typed not-found error', async () => {
    const result = await backend.call('getProcess', { pid: 4_000_000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('getProcess of an exited, unreaped process (a zombie) is not-found: it has ended', async () => {
    // The parent blocks its event loop, so it never reaps the child it spawned.
    const parent = await startChild(
      "const c=require('child_process').spawn('true');console.log(JSON.stringify({zombie:c.pid}));Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,60000);",
    );
    const zombie = Number(parent.ready.zombie);
    await waitFor(() => readStat(zombie)?.state === 'Z', 10_000, 'the child a zombie');
    const result = await backend.call('getProcess', { pid: zombie });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await parent.stop();
  });

  it('setSettings persists and getSettings reads it back', async () => {
    const set = await backend.call('setSettings', { notifications: { ignoredPorts: [8080] } });
    expect(set.ok && set.value.notifications.ignoredPorts).toEqual([8080]);
    const got = await backend.call('getSettings', {});
    expect(got.ok && got.value.notifications.ignoredPorts).toEqual([8080]);
  });

  it.skipIf(process.platform === 'win32')(
    'tightens an existing data directory of ours to 0700 when it starts',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'portlens-backend-open-'));
      chmodSync(dir, 0o755);
      const other = await createBackend({ dataDir: dir, workerPath: null, pollIntervalMs: 1000 });
      try {
        expect(statSync(dir).mode & 0o777).toBe(0o700);
      } finally {
        await other.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(process.getuid?.() !== 0)(
    'a data directory another user owns: a standing warning, and setSettings is refused saying why (root chowns it to nobody)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'portlens-backend-foreign-'));
      chownSync(dir, 65534, 65534);
      const other = await createBackend({ dataDir: dir, workerPath: null, pollIntervalMs: 1000 });
      try {
        const snapshot = await other.call('getSnapshot', {});
        expect(snapshot.ok && snapshot.value.warnings.join('\n')).toMatch(
          /PortLens cannot keep its files private: the directory .* is owned by nobody \(uid 65534\)/,
        );
        const set = await other.call('setSettings', { pollIntervalMs: 2000 });
        expect(set).toMatchObject({ ok: false, error: { code: 'refused' } });
        expect(!set.ok && set.error.message).toMatch(
          /^could not save settings: the directory .* PORTLENS_DATA_DIR/,
        );
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        await other.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('kill through the contract: the preview names the child, the kill ends it and frees its port', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const port = child.ready.port as number;
    const preview = await backend.call('killPreview', { kind: 'port', port, address: null });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const subject = preview.value.subjects.find((s) => s.process.pid === child.pid);
    expect(subject?.refusal).toBeNull();
    expect(subject?.sockets.map((row) => row.localPort)).toContain(port);

    const result = await backend.call('kill', {
      processes: [{ pid: child.pid, startTime: subject!.process.startTime }],
      force: false,
      timeoutMs: null,
    });
    expect(result).toMatchObject({ ok: true, value: { outcomes: [{ pid: child.pid, endedBy: 'SIGTERM' }] } });
    expect(result.ok && result.value.freedPorts, JSON.stringify(result)).toContain(port);
  }, 120_000);

  it('kill through the contract refuses a stale identity', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.1'));
    const result = await backend.call('kill', { processes: [{ pid: child.pid, startTime: 1 }], force: false, timeoutMs: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'stale-identity' } });
    expect(child.process.exitCode).toBeNull();
  }, 120_000);
});
