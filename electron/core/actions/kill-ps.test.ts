// The macOS kill path run here on Linux: sockets from lsof, processes from ps and lsof, the
// identity check on (pid, lstart second), kill(2). Only servers this test started are signalled.
import { afterEach, describe, expect, it } from 'vitest';
import { withoutTools } from '../../test-support/system-tools.js';
import { Children } from '../owners/test-support/children.js';
import { kill, killRequestFor, previewKill } from './kill.js';
import { isRunning, startServer, TempDirs } from './test-support/servers.js';
import { macDeps } from './test-support/ps-deps.js';
import { ACTION_TEST_TIMEOUT_MS } from './test-support/test-deps.js';

const children = new Children();
const temp = new TempDirs();
const noTools = withoutTools('ps', 'lsof', 'id');

afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe.skipIf(noTools)('kill through the ps reader (the macOS path, real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('previews a server by port with its child, identifies it by its lstart second, and ends it', async () => {
    const server = await startServer(children, { env: { PL_CHILD: '1' } });
    const deps = macDeps(temp.make());
    const preview = await previewKill({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    const [subject] = preview.value.subjects;
    expect(subject?.process.pid).toBe(server.pid);
    // The ps source's start time: epoch seconds, the /proc one's start to the second.
    expect(subject?.process.startTime).toBe(Math.floor((subject?.process.startedAt ?? 0) / 1000));
    expect(subject?.children.map((child) => child.pid)).toContain(server.childPid);
    expect(subject?.refusal).toBeNull();

    const request = killRequestFor(preview.value, { force: false, timeoutMs: null });
    if (!request.ok) throw new Error(request.error.message);
    const result = await kill(request.value, deps);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.outcomes.find((o) => o.pid === server.pid)?.endedBy).toBe('SIGTERM');
    expect(result.value.freedPorts).toEqual([server.port]);
    expect(isRunning(server.pid, server.startTime)).toBe(false);
  });

  it('signals nothing when the start time is not the one ps reads now (a reused pid)', async () => {
    const server = await startServer(children);
    const deps = macDeps(temp.make());
    const seen = deps.processes.info(server.pid);
    const result = await kill({ processes: [{ pid: server.pid, startTime: (seen?.startTime ?? 0) + 1 }], force: true, timeoutMs: 300 }, deps);
    expect(result.ok ? 'ok' : result.error.code).toBe('stale-identity');
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });
});
