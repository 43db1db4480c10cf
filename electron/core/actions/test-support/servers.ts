/**
 * Real servers for action tests: a Node HTTP server on a loopback port that answers with its
 * environment variable PL_X, cwd and pid. Knobs (environment): PL_IGNORE_TERM ignores SIGTERM,
 * PL_MARKER names a file whose presence makes it exit at start, PL_EXTRA_PORT opens a second
 * listening port, PL_CHILD forks a child that idles. Started through the owners module's
 * Children (own process group each; stopAll ends them).
 */
import { createServer } from 'node:net';
import { afterEach } from 'vitest';
import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Children, type Child } from '../../owners/test-support/children.js';
import { processIdentity, readStat } from '../../owners/index.js';

/** The server script (CHILD_PRELUDE gives it `report`). Its first argument is the port. */
export const SERVER_SOURCE = `
import http from 'node:http';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
const port = Number(process.argv[2] ?? 0);
const marker = process.env.PL_MARKER;
if (marker && existsSync(marker)) {
  console.error('marker file present: refusing to start');
  process.exit(3);
}
if (process.env.PL_IGNORE_TERM) process.on('SIGTERM', () => console.error('ignoring SIGTERM'));
let child = null;
if (process.env.PL_CHILD) child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const server = http.createServer((req, res) => {
  console.error('request ' + req.method + ' ' + req.url);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ x: process.env.PL_X ?? null, cwd: process.cwd(), pid: process.pid }));
});
const extra = process.env.PL_EXTRA_PORT ? http.createServer(() => {}) : null;
server.listen(port, '127.0.0.1', () => {
  const done = () => {
    report({ port: server.address().port, extraPort: extra ? extra.address().port : null, childPid: child ? child.pid : null });
    console.error('server listening on ' + server.address().port);
  };
  if (extra) extra.listen(0, '127.0.0.1', done);
  else done();
});
`;

/** A server the test started, with the ports it reported. */
export interface TestServer extends Child {
  port: number;
  extraPort: number | null;
  childPid: number | null;
}

/** Starts a server on `port` (0: any free port) with extra environment and cwd. */
export async function startServer(
  children: Children,
  options: { port?: number; env?: Record<string, string>; cwd?: string } = {},
): Promise<TestServer> {
  const child = await children.node(SERVER_SOURCE, {
    args: [String(options.port ?? 0)],
    env: { ...process.env, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  const ready = child.ready as { port: number; extraPort: number | null; childPid: number | null };
  return Object.assign(child, { port: ready.port, extraPort: ready.extraPort, childPid: ready.childPid });
}

/** A port that was free a moment ago (bind 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** GET http://127.0.0.1:port/ as JSON. */
export function getJson(port: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/', timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as Record<string, unknown>);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error('GET timed out')));
    request.on('error', reject);
  });
}

/**
 * True while (pid, startTime) is still that process and has not ended. A zombie has ended (its
 * sockets are closed); it only waits for our event loop to reap it.
 */
export function isRunning(pid: number, startTime: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.startTime === startTime && stat.state !== 'Z' && stat.state !== 'X';
}

/** Processes a restart started (not our children): ended by their reported pid, only while still theirs. */
export class Adopted {
  readonly #processes: { pid: number; startTime: number }[] = [];

  add(pid: number): void {
    const identity = processIdentity(pid);
    if (identity) this.#processes.push(identity);
  }

  /** SIGKILLs each process group the restart created (it started them detached, as leaders). */
  stopAll(): void {
    for (const { pid, startTime } of this.#processes.splice(0)) {
      if (processIdentity(pid)?.startTime !== startTime) continue;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
  }
}

/** Temporary directories removed by `removeAll`. */
export class TempDirs {
  readonly #dirs: string[] = [];

  make(prefix = 'portlens-actions-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The fixtures every action test file shares — children it started, processes it adopted
 * (restarted servers), temp dirs — cleaned up after each test.
 */
export function actionFixtures(): { children: Children; adopted: Adopted; temp: TempDirs } {
  const fixtures = { children: new Children(), adopted: new Adopted(), temp: new TempDirs() };
  afterEach(async () => {
    fixtures.adopted.stopAll();
    await fixtures.children.stopAll();
    fixtures.temp.removeAll();
  });
  return fixtures;
}
