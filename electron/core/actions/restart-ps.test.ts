// The macOS restart path run here on Linux: processes read with ps and lsof (procps takes
// macOS's options), whose argv is `args` split at spaces. Only servers this test started are
// signalled; a refusal is proven by the server still running.
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutTools } from '../../test-support/system-tools.js';
import type { ProcessInfo } from '../model.js';
import { readProcessInfo } from '../owners/process-info.js';
import { Children } from '../owners/test-support/children.js';
import { kill } from './kill.js';
import { previewRestart, restart } from './restart.js';
import { planRestart } from './restart-plan.js';
import { LaunchMemory, startAgain } from './start-again.js';
import { Adopted, freePort, getJson, isRunning, SERVER_SOURCE, startServer, TempDirs } from './test-support/servers.js';
import { macDeps } from './test-support/ps-deps.js';
import { ACTION_TEST_TIMEOUT_MS } from './test-support/test-deps.js';

const children = new Children();
const adopted = new Adopted();
const temp = new TempDirs();
const noTools = withoutTools('ps', 'lsof', 'id');

afterEach(async () => {
  adopted.stopAll();
  await children.stopAll();
  temp.removeAll();
});

/** A server whose script lies in a directory named with spaces: `node "/tmp/portlens ps space X/srv.mjs" PORT`. */
async function spacedServer(port = 0) {
  const dir = temp.make('portlens ps space ');
  const server = await children.node(SERVER_SOURCE, { args: [String(port)], file: join(dir, 'srv.mjs') });
  return { pid: server.pid, port: (server.ready as { port: number }).port, startTime: server.startTime, dir };
}

const JOINED_REASON =
  /its command line was read with ps, which joins arguments with spaces, and arguments joined with a space name an existing path \(\/tmp\/portlens ps space \w+\/srv\.mjs\), so one argument may have been read as several; PortLens will not start it again from a guess\. Restart it from where it was started/;

describe.skipIf(noTools)('restart of a plain process read with ps: only an argv it can trust (the macOS path, real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('refuses to restart a server whose argv holds a path with a space (preview and restart); nothing is stopped', async () => {
    const server = await spacedServer();
    const deps = macDeps(temp.make());
    // What ps gives: the script's path in pieces.
    expect(readProcessInfo(server.pid)?.argv.slice(1)).toEqual([join(server.dir, 'srv.mjs'), '0']);
    const info = deps.processes.info(server.pid);
    expect(info?.argv.slice(1)).toEqual([...join(server.dir, 'srv.mjs').split(' '), '0']);

    const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
    expect(preview.ok ? 'ok' : preview.error.code).toBe('unsupported');
    if (!preview.ok) expect(preview.error.message).toMatch(JOINED_REASON);

    const result = await restart({ pid: server.pid, startTime: info?.startTime ?? 0, withoutEnvironment: true, timeoutMs: 5000 }, deps);
    expect(result.ok ? 'ok' : result.error.code).toBe('unsupported');
    if (!result.ok) expect(result.error.message).toMatch(JOINED_REASON);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it('still restarts a server whose argv has no spaces, with that argv', async () => {
    const server = await startServer(children, { port: await freePort() });
    const deps = macDeps(temp.make());
    const proc = readProcessInfo(server.pid) as ProcessInfo;
    const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ method: 'process', command: proc.argv });

    const startTime = deps.processes.info(server.pid)?.startTime ?? 0;
    const result = await restart({ pid: server.pid, startTime, withoutEnvironment: true, timeoutMs: 20_000 }, deps);
    const newPid = result.ok ? result.value.newPid : Number(/new pid (\d+)/.exec(result.error.message)?.[1] ?? 0);
    if (newPid) adopted.add(newPid);
    if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
    expect(result.value).toMatchObject({ method: 'process', oldPid: server.pid, ports: [server.port] });
    expect((await getJson(server.port)).pid).toBe(result.value.newPid);
  });

  it('refuses to start again a server whose ps-read argv holds a path with a space; nothing is started', async () => {
    const port = await freePort();
    const server = await spacedServer(port);
    const deps = macDeps(temp.make());
    const startTime = deps.processes.info(server.pid)?.startTime ?? 0;
    const identity = { pid: server.pid, startTime };
    const memory = new LaunchMemory();
    memory.remember([identity], await deps.snapshot(), deps.processes);
    const killed = await kill({ processes: [identity], force: false, timeoutMs: null }, deps);
    if (!killed.ok) throw new Error(killed.error.message);

    const result = await startAgain({ ...identity, withoutEnvironment: true, timeoutMs: 5000 }, memory, deps);
    expect(result.ok ? 'ok' : result.error.code).toBe('unsupported');
    if (!result.ok) expect(result.error.message).toMatch(JOINED_REASON);
    const snapshot = await deps.snapshot();
    expect(snapshot.sockets.some((row) => row.localPort === port && row.state === 'LISTEN')).toBe(false);
  });
});

describe('the plan of a ps-read argv (real files)', () => {
  const info = (argv: string[], exe: string | null, name: string, cwd = '/'): ProcessInfo => ({
    pid: 4242, startTime: 1, startedAt: 0, name, exe, argv, cwd, uid: 501, user: 'alice', ppid: 1, service: null,
  });

  it("refuses a program path with a space (macOS's /Applications/Google Chrome.app/…), an argv[0] that is not what runs, and a backslash", () => {
    const dir = realpathSync(temp.make('portlens-apps-'));
    const chrome = join(dir, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome');
    mkdirSync(join(dir, 'Google Chrome.app', 'Contents', 'MacOS'), { recursive: true });
    writeFileSync(chrome, '#!/bin/sh\n');
    chmodSync(chrome, 0o755);
    const cases: [ProcessInfo, RegExp][] = [
      [info([...chrome.split(' '), '--type=renderer'], chrome, 'Google Chrome'), /its first argument \(.*\/Google\) names no program/],
      [info([process.execPath, 'srv.js'], '/bin/sh', 'sh'), /its first argument \(.*\) is not the program that runs \(\/bin\/sh\)/],
      [info([process.execPath, 'srv.js'], null, 'python3'), /is not the program that runs \(python3\)/],
      [info([process.execPath, 'my\\ file.js'], null, 'node'), /the argument "my\\\\ file\.js" holds a backslash/],
      [info([process.execPath, `--config=${dir}/Google`, 'Chrome.app'], null, 'node'), /arguments joined with a space name an existing path \(--config=.*Google Chrome\.app\)/],
    ];
    for (const [subject, reason] of cases) {
      const plan = planRestart(subject, 501, undefined, { argvJoined: true });
      expect(plan.ok ? 'ok' : plan.error.code, subject.argv.join(' ')).toBe('unsupported');
      if (!plan.ok) expect(plan.error.message).toMatch(reason);
    }
    const simple = planRestart(info([process.execPath, 'srv.js', '--port', '8080'], null, 'node'), 501, undefined, { argvJoined: true });
    expect(simple.ok && simple.value).toEqual({ method: 'process', command: [process.execPath, 'srv.js', '--port', '8080'] });
  });
});
