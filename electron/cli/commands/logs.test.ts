import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_PRELUDE } from '../../core/owners/test-support/children.js';
import { readStat } from '../../core/owners/index.js';
import { detectServiceManager } from '../../core/owners/index.js';
import {
  actionFixtures,
  freePort,
  getJson,
  SERVER_SOURCE,
  startServer,
} from '../../core/actions/test-support/servers.js';
import { stubCalls, stubRunner, withService, writeStubs } from '../../core/actions/test-support/stubs.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from '../../core/actions/test-support/test-deps.js';
import { testIo } from '../../core/actions/test-support/test-io.js';
import { runCli } from '../run-cli.js';
import { makeLogsCommand } from './logs.js';
import { makeRestartCommand } from './restart.js';

const { children, adopted, temp } = actionFixtures();

describe('portlens logs (CLI)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('shows, then follows, the log of a service PortLens restarted (real processes)', async () => {
    const port = await freePort();
    await startServer(children, { port });
    const dataDir = temp.make();
    const deps = () => testDeps(dataDir);
    const restartIo = testIo();
    expect(await makeRestartCommand(deps)([String(port), '--yes', '--json'], restartIo)).toBe(0);
    const { newPid } = JSON.parse(restartIo.out()) as { newPid: number };
    adopted.add(newPid);

    const io = testIo();
    expect(await makeLogsCommand(deps)([String(port), '--lines', '5'], io)).toBe(0);
    expect(io.out()).toContain(`server listening on ${port}`);

    // --follow: a request makes the server log a line; the follower shows it, then we stop it.
    const controller = new AbortController();
    const follow = testIo();
    const following = makeLogsCommand(deps, () => controller.signal)([String(port), '--follow'], follow);
    await getJson(port);
    await waitForText(follow, 'request GET /');
    controller.abort();
    expect(await following).toBe(0);
  });

  it('finds the capture by the identity PortLens recorded when the name changes across restarts (real processes)', async () => {
    // Started through a link named `pl-alias`; with the link gone, a restart runs the program
    // itself (/proc/<pid>/exe), so the service comes back named `node`, as python3 comes back
    // as python3.11.
    const dir = temp.make();
    const alias = join(dir, 'pl-alias');
    symlinkSync(process.execPath, alias);
    const script = join(dir, 'server.mjs');
    writeFileSync(script, CHILD_PRELUDE + SERVER_SOURCE);
    const port = await freePort();
    const server = await children.spawn(alias, [script, String(port)]);
    expect(readStat(server.pid)?.comm).toBe('pl-alias');
    unlinkSync(alias);

    const dataDir = temp.make();
    const deps = () => testDeps(dataDir);
    for (const round of [1, 2]) {
      const restartIo = testIo();
      expect(await makeRestartCommand(deps)([String(port), '--yes', '--json'], restartIo), restartIo.out()).toBe(0);
      const { newPid } = JSON.parse(restartIo.out()) as { newPid: number };
      adopted.add(newPid);
      expect(readStat(newPid)?.comm).toBe('node');

      const io = testIo();
      expect(await makeLogsCommand(deps)([String(port)], io), io.err()).toBe(0);
      expect(io.out().match(/server listening on \d+/g)).toHaveLength(round);
    }

    // --follow works on the same capture.
    const controller = new AbortController();
    const follow = testIo();
    const following = makeLogsCommand(deps, () => controller.signal)([String(port), '--follow'], follow);
    await getJson(port);
    await waitForText(follow, 'request GET /');
    controller.abort();
    expect(await following).toBe(0);
  });

  it('follows a systemd unit through journalctl -f (stub)', async () => {
    const server = await startServer(children);
    const stubs = temp.make('portlens-stubs-');
    writeStubs(stubs);
    const service = detectServiceManager({
      cgroup: '0::/system.slice/api.service\n',
      environ: null,
      argv: [],
    });
    if (!service) throw new Error('no unit detected');
    const deps = () =>
      withService(testDeps(temp.make(), { commands: stubRunner(stubs) }), server.pid, service);
    const io = testIo();
    const code = await makeLogsCommand(deps, () => new AbortController().signal)(
      ['--pid', String(server.pid), '--follow', '--lines', '20'],
      io,
    );
    expect(code).toBe(0);
    expect(stubCalls(stubs)).toEqual([['journalctl', '-f', '-u', 'api.service', '-n', '20', '--no-pager']]);
    expect(io.out()).toContain('journalctl stub output: -f -u api.service -n 20 --no-pager');
  });

  it('says plainly when no logs are reachable (exit 1)', async () => {
    const server = await startServer(children);
    const io = testIo();
    expect(await makeLogsCommand(() => testDeps(temp.make()))([String(server.port)], io)).toBe(1);
    expect(io.err()).toMatch(/no logs reachable: pid \d+ \(node\) was not started by PortLens/);
  });

  it.each([[['logs']], [['logs', '3000', '--lines', '0']], [['logs', '3000', '--lines', '20000']]])(
    'bad arguments %j exit 2',
    async (argv) => {
      expect(await runCli(argv, testIo())).toBe(2);
    },
  );
});

async function waitForText(io: { out(): string }, text: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!io.out().includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" in: ${io.out()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
