import { realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RestartResult } from '../../contract/api.js';
import { kill } from './kill.js';
import { createProcReader } from './process-reader.js';
import { LaunchMemory, startAgain } from './start-again.js';
import { actionFixtures, freePort, getJson, isRunning, startServer } from './test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

const { children, adopted, temp } = actionFixtures();

describe('start again an ended process (real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('a killed server starts again with its argv, cwd and environment, and listens on its port', async () => {
    const cwd = realpathSync(temp.make('portlens-cwd-'));
    const port = await freePort();
    const server = await startServer(children, { port, cwd, env: { PL_X: 'kept across the kill' } });
    const deps = testDeps(temp.make());
    const memory = new LaunchMemory();
    const identity = { pid: server.pid, startTime: server.startTime };

    // Read while it runs, as the backend does before a kill.
    memory.remember([identity], await deps.snapshot(), createProcReader());
    const killed = await kill({ processes: [identity], force: false, timeoutMs: null }, deps);
    if (!killed.ok) throw new Error(killed.error.message);
    expect(isRunning(server.pid, server.startTime)).toBe(false);

    const result = await startAgain(
      { ...identity, withoutEnvironment: false, timeoutMs: null },
      memory,
      deps,
    );
    if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
    if (result.value.newPid !== null) adopted.add(result.value.newPid);
    expect(RestartResult.safeParse(result.value).success).toBe(true);
    expect(result.value).toMatchObject({ method: 'process', oldPid: server.pid, ports: [port] });
    expect(await getJson(port)).toEqual({ x: 'kept across the kill', cwd, pid: result.value.newPid });

    // Started once: a second start would be a second copy.
    const again = await startAgain({ ...identity, withoutEnvironment: false, timeoutMs: null }, memory, deps);
    expect(again.ok ? null : again.error.code).toBe('not-found');
  });

  it('refuses a process it has no record of, one still running, and one whose port is taken', async () => {
    const port = await freePort();
    const server = await startServer(children, { port });
    const deps = testDeps(temp.make());
    const memory = new LaunchMemory();
    const identity = { pid: server.pid, startTime: server.startTime };
    const request = { ...identity, withoutEnvironment: false, timeoutMs: null };

    const unknown = await startAgain(request, memory, deps);
    expect(unknown.ok ? null : unknown.error.message).toMatch(/did not record how pid \d+ was started/);

    memory.remember([identity], await deps.snapshot(), createProcReader());
    const running = await startAgain(request, memory, deps);
    expect(running.ok ? null : running.error.message).toMatch(/is still running; restart it instead/);

    // It ends and another server takes its port: starting it would fail, or worse, double it.
    const killed = await kill({ processes: [identity], force: false, timeoutMs: null }, deps);
    expect(killed.ok).toBe(true);
    const squatter = await startServer(children, { port });
    const taken = await startAgain(request, memory, deps);
    expect(taken.ok ? null : taken.error.message).toContain(
      `port ${port} is listening already (pid ${squatter.pid}`,
    );
  });

  it('an environment unreadable while it ran needs consent, then it starts with PortLens\'s own (stand-in reader for "another user")', async () => {
    const port = await freePort();
    const server = await startServer(children, { port, env: { PL_X: 'lost with the environment' } });
    const deps = testDeps(temp.make());
    const memory = new LaunchMemory();
    const identity = { pid: server.pid, startTime: server.startTime };
    const real = createProcReader();
    // Stand-in: the environment reads as another user's would (permission denied).
    memory.remember([identity], await deps.snapshot(), {
      ...real,
      environ: () => ({ ok: false, reason: 'permission' }),
    });
    const killed = await kill({ processes: [identity], force: false, timeoutMs: null }, deps);
    expect(killed.ok).toBe(true);

    const refused = await startAgain(
      { ...identity, withoutEnvironment: false, timeoutMs: null },
      memory,
      deps,
    );
    expect(refused.ok ? null : refused.error.code).toBe('refused');
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /could not be read while it ran.*withoutEnvironment/,
    );

    const result = await startAgain({ ...identity, withoutEnvironment: true, timeoutMs: null }, memory, deps);
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.newPid !== null) adopted.add(result.value.newPid);
    expect(await getJson(port)).toMatchObject({ x: process.env.PL_X ?? null, pid: result.value.newPid });
  });

  it('keeps the most recent records only', async () => {
    const servers = [await startServer(children), await startServer(children)];
    const memory = new LaunchMemory(1);
    const reader = createProcReader();
    for (const server of servers)
      memory.remember([{ pid: server.pid, startTime: server.startTime }], null, reader);
    const [older, newer] = servers as [(typeof servers)[0], (typeof servers)[0]];
    expect(memory.get(older.pid, older.startTime)).toBeUndefined();
    expect(memory.get(newer.pid, newer.startTime)?.info.argv).toEqual(newer.process.spawnargs);
    // A reused pid is another process: its start time differs.
    expect(memory.get(newer.pid, newer.startTime + 1)).toBeUndefined();
  });
});
