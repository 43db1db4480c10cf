import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RestartResult } from '../../contract/api.js';
import { logFilePath } from '../../core/actions/index.js';
import {
  actionFixtures,
  freePort,
  getJson,
  isRunning,
  startServer,
} from '../../core/actions/test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from '../../core/actions/test-support/test-deps.js';
import { testIo } from '../../core/actions/test-support/test-io.js';
import { runCli } from '../run-cli.js';
import { makeRestartCommand } from './restart.js';

const { children, adopted, temp } = actionFixtures();

describe('portlens restart (CLI, real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('--yes --json restarts the server and prints one RestartResult', async () => {
    const cwd = realpathSync(temp.make('portlens-cwd-'));
    const port = await freePort();
    const server = await startServer(children, { port, cwd, env: { PL_X: 'from the CLI test' } });
    const io = testIo();
    const code = await makeRestartCommand(() => testDeps(temp.make()))([String(port), '--yes', '--json'], io);
    const parsed = RestartResult.safeParse(JSON.parse(io.out()));
    if (parsed.success && parsed.data.newPid !== null) adopted.add(parsed.data.newPid);
    expect(code).toBe(0);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ method: 'process', oldPid: server.pid, ports: [port] });
    expect(io.err()).toContain('Restart by PortLens');
    expect(isRunning(server.pid, server.startTime)).toBe(false);
    expect(await getJson(port)).toEqual({ x: 'from the CLI test', cwd, pid: parsed.data?.newPid });
  });

  it('without a terminal and without --yes restarts nothing', async () => {
    const server = await startServer(children);
    const io = testIo();
    expect(await makeRestartCommand(() => testDeps(temp.make()))(['--pid', String(server.pid)], io)).toBe(1);
    expect(io.out()).toContain(`Restart by PortLens: stop pid ${server.pid}`);
    expect(io.err()).toMatch(/pass --yes/);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it('prints why it refuses a log file someone else owns or can write, and stops nothing', async () => {
    const server = await startServer(children);
    const dataDir = temp.make();
    const logFile = logFilePath(dataDir, 'node', server.port);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(logFile, '');
    chmodSync(logFile, 0o666);
    const io = testIo();
    expect(await makeRestartCommand(() => testDeps(dataDir))([String(server.port), '--yes'], io)).toBe(1);
    expect(io.err()).toContain(
      `portlens: PortLens did not stop pid ${server.pid}: ${logFile} can be written by other users (mode 0666)`,
    );
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it.each([[['restart']], [['restart', '3000', '--timeout', '100']], [['restart', '--force', '3000']]])(
    'bad arguments %j exit 2',
    async (argv) => {
      const io = testIo();
      expect(await runCli(argv, io)).toBe(2);
    },
  );
});
