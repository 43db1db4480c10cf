// The whole chain on whatever system runs it, with nothing chosen by hand: this platform's
// collector, process details and signaller (here Linux's netlink, /proc and pidfd; in the
// platforms workflow macOS's lsof, ps and kill(2), and Windows's netstat, Win32_Process and
// taskkill). A real child listens on loopback; PortLens lists it with its owner and ends it.
// Portable on purpose: plain `spawn` and the child's own handle, no /proc and no process groups.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { kill, killRequestFor, previewKill } from './kill.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

const SERVER = `
const net = require('node:net');
const server = net.createServer().listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n');
});
setInterval(() => {}, 1000);
`;

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A node server on 127.0.0.1 in its own directory, with a marker argument; resolves with its port. */
async function startServer(): Promise<{ child: ChildProcess; pid: number; port: number; cwd: string; spawnedAt: number }> {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'portlens-live-')));
  dirs.push(cwd);
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['-e', SERVER, 'portlens-live-marker'], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const { port } = JSON.parse(line) as { port: number };
  if (child.pid === undefined) throw new Error('the server has no pid');
  return { child, pid: child.pid, port, cwd, spawnedAt };
}

describe(`this platform's own path, end to end (${process.platform})`, { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('lists a real loopback listener with its owner and details, then ends it by port after the identity check', async () => {
    const server = await startServer();
    const snapshot = await takeSnapshot();
    const row = snapshot.sockets.find((r) => r.protocol === 'tcp' && r.state === 'LISTEN' && r.localPort === server.port);
    expect(row?.localAddress).toBe('127.0.0.1');
    expect(row?.pids).toContain(server.pid);
    const info = snapshot.processes[String(server.pid)];
    expect(info?.name).toMatch(/^node(\.exe)?$/i);
    expect(info?.argv).toContain('portlens-live-marker');
    expect(info?.ppid).toBe(process.pid);
    // Start times are whole seconds on macOS; allow for that and for a slow start.
    expect(Math.abs((info?.startedAt ?? 0) - server.spawnedAt)).toBeLessThan(5000);
    // Windows does not show another process's working directory.
    if (process.platform !== 'win32') expect(info?.cwd).toBe(server.cwd);

    const deps = testDeps(mkdtempSync(join(tmpdir(), 'portlens-live-data-')));
    dirs.push(deps.dataDir);
    const preview = await previewKill({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.subjects.map((s) => [s.process.pid, s.refusal])).toEqual([[server.pid, null]]);
    const request = killRequestFor(preview.value, { force: false, timeoutMs: null });
    if (!request.ok) throw new Error(request.error.message);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const result = await kill(request.value, deps);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.freedPorts).toEqual([server.port]);
    await exited;
  });
});
