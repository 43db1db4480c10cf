import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogsResult, RestartPreview, RestartResult } from '../../contract/api.js';
import { readProcessInfo, readStat } from '../owners/index.js';
import { CHILD_PRELUDE } from '../owners/test-support/children.js';
import { logFilePath } from './log-files.js';
import { readLogs } from './logs.js';
import { previewRestart, restart } from './restart.js';
import { readPrimaryGid } from './proc-extra.js';
import {
  actionFixtures,
  freePort,
  getJson,
  isRunning,
  SERVER_SOURCE,
  startServer,
} from './test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';
import { withoutTools } from '../../test-support/system-tools.js';

const { children, adopted, temp } = actionFixtures();

describe('restart a plain process (real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('stops the server and starts the same command with its environment and cwd; output goes to the log', async () => {
    const cwd = realpathSync(temp.make('portlens-cwd-'));
    const dataDir = temp.make();
    const port = await freePort();
    const server = await startServer(children, { port, cwd, env: { PL_X: 'hello from the environment' } });
    const deps = testDeps(dataDir);

    const preview = await previewRestart({ kind: 'port', port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(RestartPreview.safeParse(preview.value).success).toBe(true);
    expect(preview.value.method).toBe('process');
    expect(preview.value.command).toEqual([process.execPath, ...server.process.spawnargs.slice(1)]);
    expect(preview.value.cwd).toBe(cwd);
    expect(preview.value.environmentReadable).toBe(true);
    expect(preview.value.ports).toEqual([port]);

    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: null },
      deps,
    );
    if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
    if (result.value.newPid !== null) adopted.add(result.value.newPid);
    expect(RestartResult.safeParse(result.value).success).toBe(true);
    expect(result.value.oldPid).toBe(server.pid);
    expect(result.value.newPid).not.toBeNull();
    expect(result.value.newPid).not.toBe(server.pid);
    expect(isRunning(server.pid, server.startTime)).toBe(false);

    const answer = await getJson(port);
    expect(answer).toEqual({ x: 'hello from the environment', cwd, pid: result.value.newPid });

    const logFile = result.value.logFile ?? '';
    expect(logFile).toBe(join(dataDir, 'logs', `node-${port}.log`));
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(new RegExp(`^=== .* PortLens restart of pid ${server.pid}: `));
    expect(log).toContain(`server listening on ${port}`);

    // `logs` now finds PortLens's own log for this port.
    const logs = await readLogs({ target: { kind: 'port', port, address: null }, lines: 50 }, deps);
    if (!logs.ok) throw new Error(logs.error.message);
    expect(LogsResult.safeParse(logs.value).success).toBe(true);
    expect(logs.value.source).toBe('portlens');
    expect(logs.value.logFile).toBe(logFile);
    expect(logs.value.text).toContain(`server listening on ${port}`);
  });

  it.skipIf(withoutTools('setpriv'))("as root, restarts another user's process as that user (setpriv nobody)", async () => {
    const dir = temp.make('portlens-nobody-server-');
    chmodSync(dir, 0o755);
    const script = join(dir, 'server.mjs');
    writeFileSync(script, CHILD_PRELUDE + SERVER_SOURCE, { mode: 0o644 });
    const port = await freePort();
    const server = await children.spawn(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, script, String(port)],
      { cwd: dir, env: { ...process.env, PL_X: 'nobody here' } },
    );
    expect(readProcessInfo(server.pid)?.uid).toBe(65534);

    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: null },
      testDeps(temp.make()),
    );
    if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
    const newPid = result.value.newPid ?? 0;
    adopted.add(newPid);
    expect(readProcessInfo(newPid)).toMatchObject({ uid: 65534, user: 'nobody', cwd: dir });
    expect(readPrimaryGid(newPid)).toBe(65534);
    expect(await getJson(port)).toEqual({ x: 'nobody here', cwd: dir, pid: newPid });
  });

  it('reports a server that does not come back as failed, with the tail of its log', async () => {
    const dir = temp.make();
    const marker = join(dir, 'marker');
    const port = await freePort();
    const server = await startServer(children, { port, env: { PL_MARKER: marker } });
    const deps = testDeps(temp.make());
    writeFileSync(marker, 'the restarted server must refuse to start\n');

    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 10_000 },
      deps,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('failed');
    expect(result.error.message).toMatch(/exited \(status 3\) before listening/);
    expect(result.error.detail).toContain('marker file present: refusing to start');
  });

  it('refuses, before stopping anything, a log file that others can write or that is a link', async () => {
    const server = await startServer(children);
    const dataDir = temp.make();
    const deps = testDeps(dataDir);
    const logFile = logFilePath(dataDir, 'node', server.port);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(logFile, 'planted\n');
    chmodSync(logFile, 0o666);
    const request = {
      pid: server.pid,
      startTime: server.startTime,
      withoutEnvironment: false,
      timeoutMs: null,
    };

    const writable = await restart(request, deps);
    expect(!writable.ok && writable.error).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(
        new RegExp(
          `^PortLens did not stop pid ${server.pid}: ${logFile} can be written by other users \\(mode 0666\\)`,
        ),
      ),
    });
    expect(isRunning(server.pid, server.startTime)).toBe(true);

    rmSync(logFile);
    symlinkSync(join(dataDir, 'elsewhere'), logFile);
    const linked = await restart(request, deps);
    expect(!linked.ok && linked.error.code).toBe('refused');
    expect(!linked.ok && linked.error.message).toMatch(/is a symbolic link/);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
    expect(existsSync(join(dataDir, 'elsewhere'))).toBe(false);
  });

  it('refuses, before stopping anything, when the command is no longer the one the preview showed', async () => {
    const server = await startServer(children);
    const deps = testDeps(temp.make());
    const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    const shown = [...preview.value.command, '--debug'];
    const result = await restart(
      { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: null, command: shown },
      deps,
    );
    expect(result.ok ? 'ok' : result.error.code).toBe('refused');
    if (!result.ok)
      expect(result.error.message).toMatch(/would now run `.*child\.mjs 0`, not the `.*child\.mjs 0 --debug` you confirmed; nothing was restarted/);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it('refuses a stale identity and PortLens itself', async () => {
    const server = await startServer(children);
    const deps = testDeps(temp.make());
    const stale = await restart(
      { pid: server.pid, startTime: server.startTime + 1, withoutEnvironment: false, timeoutMs: null },
      deps,
    );
    expect(!stale.ok && stale.error.code).toBe('stale-identity');
    expect(isRunning(server.pid, server.startTime)).toBe(true);

    const self = await restart(
      { pid: process.pid, startTime: readSelfStart(), withoutEnvironment: false, timeoutMs: null },
      deps,
    );
    expect(!self.ok && self.error.code).toBe('refused');
  });
});

function readSelfStart(): number {
  const stat = readStat(process.pid);
  if (!stat) throw new Error('cannot read our own /proc/<pid>/stat');
  return stat.startTime;
}
