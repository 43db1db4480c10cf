import { afterEach, describe, expect, it } from 'vitest';
import { KillPreview, KillResult } from '../../contract/api.js';
import { Children, waitFor } from '../owners/test-support/children.js';
import { createSignaller } from './create-deps.js';
import { kill, killRequestFor, previewKill } from './kill.js';
import { createPosixSignaller } from './posix-signaller.js';
import { isRunning, startServer, TempDirs } from './test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

const children = new Children();
const temp = new TempDirs();

afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe('kill (real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('previews a server by port with its child and every port it holds, then ends it by SIGTERM and frees them', async () => {
    const server = await startServer(children, { env: { PL_EXTRA_PORT: '1', PL_CHILD: '1' } });
    const deps = testDeps(temp.make());

    const preview = await previewKill({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(KillPreview.safeParse(preview.value).success).toBe(true);
    expect(preview.value.subjects).toHaveLength(1);
    const [subject] = preview.value.subjects;
    expect(subject?.process.pid).toBe(server.pid);
    expect(subject?.process.startTime).toBe(server.startTime);
    expect(subject?.refusal).toBeNull();
    expect(subject?.children.map((child) => child.pid)).toContain(server.childPid);
    const listening = subject?.sockets.filter((row) => row.state === 'LISTEN').map((row) => row.localPort);
    expect(listening).toEqual(expect.arrayContaining([server.port, server.extraPort]));

    const request = killRequestFor(preview.value, { force: false, timeoutMs: null });
    if (!request.ok) throw new Error(request.error.message);
    const result = await kill(request.value, deps);
    if (!result.ok) throw new Error(result.error.message);
    expect(KillResult.safeParse(result.value).success).toBe(true);
    expect(result.value.outcomes.find((o) => o.pid === server.pid)?.endedBy).toBe('SIGTERM');
    expect(result.value.freedPorts.sort()).toEqual([server.port, server.extraPort].sort());
    expect(result.value.stillBound).toEqual([]);
    expect(isRunning(server.pid, server.startTime)).toBe(false);
  });

  it('ends a server that ignores SIGTERM with SIGKILL after the (shortened) wait', async () => {
    const server = await startServer(children, { env: { PL_IGNORE_TERM: '1' } });
    const deps = testDeps(temp.make());
    const result = await kill(
      { processes: [{ pid: server.pid, startTime: server.startTime }], force: false, timeoutMs: 300 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.outcomes).toEqual([{ pid: server.pid, name: 'node', endedBy: 'SIGKILL' }]);
    expect(result.value.freedPorts).toEqual([server.port]);
  });

  it('uses a pidfd on Linux, and the kill(2) signaller (the macOS path) ends a server too', async () => {
    expect(createSignaller('linux').mechanism).toBe('pidfd');
    const server = await startServer(children);
    const deps = testDeps(temp.make(), { signaller: createPosixSignaller() });
    const result = await kill(
      { processes: [{ pid: server.pid, startTime: server.startTime }], force: false, timeoutMs: null },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.outcomes[0]?.endedBy).toBe('SIGTERM');
    expect(result.value.freedPorts).toEqual([server.port]);
  });

  it('--force sends SIGKILL at once', async () => {
    const server = await startServer(children);
    const result = await kill(
      { processes: [{ pid: server.pid, startTime: server.startTime }], force: true, timeoutMs: null },
      testDeps(temp.make()),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.outcomes[0]?.endedBy).toBe('SIGKILL');
  });

  it('refuses a stale (pid, start time) and signals nothing', async () => {
    const server = await startServer(children);
    const deps = testDeps(temp.make());
    const stale = { pid: server.pid, startTime: server.startTime + 1 };
    const result = await kill({ processes: [stale], force: true, timeoutMs: null }, deps);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('stale-identity');
    const preview = await previewKill({ kind: 'pid', ...stale }, deps);
    expect(!preview.ok && preview.error.code).toBe('stale-identity');
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it('reports a process that already exited as ended by nobody', async () => {
    const server = await startServer(children);
    const identity = { pid: server.pid, startTime: server.startTime };
    await children.stop(server);
    await waitFor(() => !isRunning(identity.pid, identity.startTime), 'the server to exit');
    const result = await kill(
      { processes: [identity], force: false, timeoutMs: null },
      testDeps(temp.make()),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.outcomes).toEqual([{ pid: identity.pid, name: expect.any(String), endedBy: null }]);
  });

  it('matches address:port targets by the address the socket accepts', async () => {
    const server = await startServer(children);
    const deps = testDeps(temp.make());
    const v4 = await previewKill({ kind: 'port', port: server.port, address: '127.0.0.1' }, deps);
    expect(v4.ok && v4.value.subjects[0]?.process.pid).toBe(server.pid);
    const v6 = await previewKill({ kind: 'port', port: server.port, address: '::1' }, deps);
    expect(!v6.ok && v6.error.code).toBe('not-found');
  });

  it('refuses, in the preview and in kill, a target that is PortLens itself', async () => {
    const deps = testDeps(temp.make());
    const preview = await previewKill({ kind: 'pid', pid: process.pid, startTime: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.subjects[0]?.refusal).toMatch(/PortLens itself/);
    const request = killRequestFor(preview.value, { force: false, timeoutMs: null });
    expect(!request.ok && request.error.code).toBe('refused');
  });
});
