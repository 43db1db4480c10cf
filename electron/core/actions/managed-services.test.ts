import { afterEach, describe, expect, it } from 'vitest';
import { LogsResult, RestartResult } from '../../contract/api.js';
import type { ProcessInfo, ServiceManager } from '../model.js';
import { detectServiceManager, parseEnviron } from '../owners/index.js';
import { Children } from '../owners/test-support/children.js';
import { locateLogs, readLogs } from './logs.js';
import { previewRestart, restart } from './restart.js';
import { planRestart } from './restart-plan.js';
import { createCommandRunner } from './run-command.js';
import { isRunning, startServer, TempDirs, type TestServer } from './test-support/servers.js';
import { stubCalls, stubRunner, withService, writeStubs } from './test-support/stubs.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

// systemd, the Docker engine and pm2 do not run here. Detection runs on real-format
// /proc/<pid>/cgroup and environ samples; the commands run against stub executables.
const CONTAINER = '3f4e5d6c7b8a99887766554433221100ffeeddccbbaa99887766554433221100';
const SAMPLES = {
  systemdSystem: '0::/system.slice/nginx.service\n',
  systemdUser: '0::/user.slice/user-1000.slice/user@1000.service/app.slice/api.service\n',
  dockerV2: `0::/system.slice/docker-${CONTAINER}.scope\n`,
  dockerV1: `12:pids:/docker/${CONTAINER}\n11:memory:/docker/${CONTAINER}\n1:name=systemd:/docker/${CONTAINER}\n`,
  plain: '0::/user.slice/user-0.slice/session-3.scope\n',
};
const PM2_ENVIRON = Buffer.from('PM2_HOME=/root/.pm2\0pm_id=3\0name=api\0NODE_APP_INSTANCE=0\0');

const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

function detect(
  cgroup: string,
  environ: Buffer | null = null,
  argv = ['node', 'server.mjs'],
): ServiceManager {
  const service = detectServiceManager({ cgroup, environ: environ ? parseEnviron(environ) : null, argv });
  if (!service) throw new Error(`no manager detected in ${cgroup}`);
  return service;
}

/** A real server, presented as managed by `service`, with stubs on PATH. */
async function managed(
  service: ServiceManager,
  env: Record<string, string> = {},
  selfUid: number | null = 0,
): Promise<{ server: TestServer; stubs: string; deps: ReturnType<typeof testDeps> }> {
  const server = await startServer(children);
  const stubs = temp.make('portlens-stubs-');
  writeStubs(stubs);
  const deps = withService(
    testDeps(temp.make(), { commands: stubRunner(stubs, env), selfUid }),
    server.pid,
    service,
  );
  return { server, stubs, deps };
}

describe('restart through a service manager (stub)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('systemd system unit from a cgroup v2 sample → systemctl restart UNIT (stub)', async () => {
    const service = detect(SAMPLES.systemdSystem);
    expect(service).toEqual({ kind: 'systemd', unit: 'nginx.service', scope: 'system', uid: null });
    const { server, stubs, deps } = await managed(service);

    const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.method).toBe('systemd');
    expect(preview.value.command).toEqual(['systemctl', 'restart', 'nginx.service']);

    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(RestartResult.safeParse(result.value).success).toBe(true);
    expect(result.value).toMatchObject({
      method: 'systemd',
      oldPid: server.pid,
      newPid: server.pid,
      ports: [server.port],
      logFile: null,
    });
    expect(stubCalls(stubs)).toEqual([['systemctl', 'restart', 'nginx.service']]);
    // The manager restarts it; PortLens itself signals nothing.
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it("another uid's systemd user unit, as root → systemctl --user -M UID@ restart UNIT (stub)", async () => {
    const service = detect(SAMPLES.systemdUser);
    expect(service).toEqual({ kind: 'systemd', unit: 'api.service', scope: 'user', uid: 1000 });
    const { server, stubs, deps } = await managed(service, {}, 0);
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(stubCalls(stubs)).toEqual([['systemctl', '--user', '-M', '1000@', 'restart', 'api.service']]);
  });

  it('own systemd user unit → systemctl --user restart UNIT (plan)', () => {
    const info = fakeInfo({ uid: 1000, user: 'alice', service: detect(SAMPLES.systemdUser) });
    const plan = planRestart(info, 1000);
    expect(plan.ok && plan.value.command).toEqual(['systemctl', '--user', 'restart', 'api.service']);
  });

  it('Docker container from cgroup v2 and v1 samples → docker restart ID (stub)', async () => {
    expect(detect(SAMPLES.dockerV1)).toEqual({ kind: 'docker', containerId: CONTAINER });
    const service = detect(SAMPLES.dockerV2);
    expect(service).toEqual({ kind: 'docker', containerId: CONTAINER });
    const { server, stubs, deps } = await managed(service);
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.method).toBe('docker');
    expect(stubCalls(stubs)).toEqual([['docker', 'restart', CONTAINER]]);
  });

  it('pm2 app from its environ sample → pm2 restart ID (stub)', async () => {
    const service = detect(SAMPLES.plain, PM2_ENVIRON);
    expect(service).toEqual({ kind: 'pm2', id: '3', name: 'api' });
    const { server, stubs, deps } = await managed(service);
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.method).toBe('pm2');
    expect(stubCalls(stubs)).toEqual([['pm2', 'restart', '3']]);
  });

  it('a manager command that fails is a failure carrying its output (stub)', async () => {
    const { server, deps } = await managed(detect(SAMPLES.systemdSystem), { STUB_EXIT: '1' });
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    expect(!result.ok && result.error.code).toBe('failed');
    if (!result.ok) expect(result.error.detail).toContain('systemctl stub diagnostics');
  });

  it('a manager that is not installed is unsupported (stub: empty PATH)', async () => {
    const server = await startServer(children);
    const empty = temp.make('portlens-empty-path-');
    const commands = createCommandRunner({ ...process.env, PATH: empty });
    const deps = withService(testDeps(temp.make(), { commands }), server.pid, detect(SAMPLES.dockerV2));
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
      deps,
    );
    expect(!result.ok && result.error.code).toBe('unsupported');
    if (!result.ok) expect(result.error.message).toMatch(/docker is not installed/);
  });

  it('refuses a docker-proxy whose container is unknown instead of restarting docker.service', () => {
    const info = fakeInfo({ name: 'docker-proxy', service: detect('0::/system.slice/docker.service\n') });
    const plan = planRestart(info, 0);
    expect(!plan.ok && plan.error.code).toBe('unsupported');
  });
});

describe('logs from a service manager (stub)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('systemd unit → journalctl -u UNIT -n N --no-pager (stub)', async () => {
    const { server, stubs, deps } = await managed(detect(SAMPLES.systemdSystem));
    const result = await readLogs(
      { target: { kind: 'port', port: server.port, address: null }, lines: 50 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(LogsResult.safeParse(result.value).success).toBe(true);
    expect(result.value.source).toBe('journal');
    expect(result.value.command).toEqual(['journalctl', '-u', 'nginx.service', '-n', '50', '--no-pager']);
    expect(result.value.text).toBe('journalctl stub output: -u nginx.service -n 50 --no-pager\n');
    expect(stubCalls(stubs)).toEqual([result.value.command]);
  });

  it('own user unit → journalctl --user-unit (stub)', async () => {
    const { server, deps } = await managed(detect(SAMPLES.systemdUser), {}, 1000);
    const result = await locateLogs(
      { target: { kind: 'pid', pid: server.pid, startTime: null }, lines: 10 },
      deps,
    );
    expect(result.ok && result.value.command).toEqual([
      'journalctl',
      '--user-unit',
      'api.service',
      '-n',
      '10',
      '--no-pager',
    ]);
  });

  it('container → docker logs --tail N ID, stdout and stderr together (stub)', async () => {
    const { server, deps } = await managed(detect(SAMPLES.dockerV2));
    const result = await readLogs(
      { target: { kind: 'port', port: server.port, address: '127.0.0.1' }, lines: 200 },
      deps,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.source).toBe('docker');
    expect(result.value.command).toEqual(['docker', 'logs', '--tail', '200', CONTAINER]);
    expect(result.value.text).toContain(`docker stub output: logs --tail 200 ${CONTAINER}`);
    expect(result.value.text).toContain('docker stub diagnostics');
  });

  it('a plain process PortLens did not start → source none, with the reason', async () => {
    const server = await startServer(children);
    const result = await readLogs(
      { target: { kind: 'port', port: server.port, address: null }, lines: 20 },
      testDeps(temp.make()),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ source: 'none', command: null, logFile: null, text: '' });
    expect(result.value.reason).toMatch(
      /not started by PortLens and is not a systemd unit or Docker container/,
    );
  });
});

function fakeInfo(fields: Partial<ProcessInfo>): ProcessInfo {
  return {
    pid: 4242,
    startTime: 1,
    startedAt: 0,
    name: 'node',
    exe: '/usr/bin/node',
    argv: ['node'],
    cwd: '/',
    uid: 0,
    user: 'root',
    ppid: 1,
    service: null,
    ...fields,
  };
}
