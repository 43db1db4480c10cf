// `portlens serve`: argument parsing, and a real run (real backend, real server) stopped the
// way Ctrl-C stops it, without signalling the test process.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../io.js';
import { connectClient, httpGet, makeStaticDir } from '../../server/test-helpers.js';
import { bundledFiles, parseServeArgs, runServe } from './serve.js';

describe('parseServeArgs', () => {
  it('reads --port, --open and --poll', () => {
    expect(parseServeArgs([])).toEqual({ port: null, open: false, pollMs: undefined });
    expect(parseServeArgs(['--port', '8080', '--open', '--poll', '500'])).toEqual({ port: 8080, open: true, pollMs: 500 });
    expect(parseServeArgs(['--port=0'])).toMatchObject({ port: 0 });
  });
  it('turns every mistake into a UsageError', () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--poll', '50'], ['--poll', 'fast'], ['--bogus'], ['extra']]) {
      expect(() => parseServeArgs(args), args.join(' ')).toThrow(UsageError);
    }
  });
});

describe('bundledFiles', () => {
  it('finds the worker and the renderer beside the bundled CLI', () => {
    const files = bundledFiles('file:///opt/portlens/dist/node/cli.mjs');
    expect(files.staticDir).toBe('/opt/portlens/dist/renderer');
    expect(files.workerPath).toBeNull(); // no such file here: the monitor then runs in-process
  });
});

describe('runServe', () => {
  const dirs = makeStaticDir();
  const dataDirForTest = mkdtempSync(join(tmpdir(), 'portlens-data-'));
  afterAll(() => {
    rmSync(dirs.root, { recursive: true, force: true });
    rmSync(dataDirForTest, { recursive: true, force: true });
  });

  function testIo(): CliIo & { out: () => string; err: () => string } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return { stdout, stderr, stdin: new PassThrough(), interactive: false, out: () => out, err: () => err };
  }

  it('prints a token URL that works, and closes cleanly when stopped', async () => {
    process.env.PORTLENS_DATA_DIR = dataDirForTest;
    const io = testIo();
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = runServe({ port: 0, open: false, pollMs: 500 }, io, { workerPath: null, staticDir: dirs.staticDir }, stopped);
    try {
      await expect.poll(() => io.out(), { timeout: 20_000 }).toMatch(/PortLens is running at http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const url = new URL(/(http:\/\/\S+)/.exec(io.out())?.[1] as string);
      const port = Number(url.port);
      const token = new URLSearchParams(url.hash.slice(1)).get('token') as string;
      expect((await httpGet(port, url.pathname)).status).toBe(200);
      expect((await httpGet(port, '/session', { Authorization: `Bearer ${token}` })).status).toBe(204);
      stop();
      expect(await run).toBe(0);
      // The listener is gone.
      await expect(
        new Promise((resolve, reject) => connect(port, '127.0.0.1').once('connect', resolve).once('error', reject)),
      ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      stop();
      await run;
    }
  });

  it('--open hands the browser a private file, never the token, and removes it once the page connects', async () => {
    process.env.PORTLENS_DATA_DIR = dataDirForTest;
    // A stand-in xdg-open records its arguments and, at that moment, the file it was given.
    const stub = mkdtempSync(join(tmpdir(), 'portlens-xdg-'));
    const record = join(stub, 'record.txt');
    writeFileSync(
      join(stub, 'xdg-open'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}.tmp"\nf=$(printf '%s' "$1" | sed 's|^file://||')\nstat -c '%a' "$(dirname "$f")" "$f" >> "${record}.tmp"\ncat "$f" >> "${record}.tmp"\nmv "${record}.tmp" "${record}"\n`,
      { mode: 0o755 },
    );
    const savedPath = process.env.PATH;
    const savedRuntime = process.env.XDG_RUNTIME_DIR;
    process.env.PATH = `${stub}:${savedPath}`;
    delete process.env.XDG_RUNTIME_DIR; // the data directory then holds the file
    const savedUmask = process.umask(0); // the file stays private whatever the umask
    const io = testIo();
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = runServe({ port: 0, open: true, pollMs: 500 }, io, { workerPath: null, staticDir: dirs.staticDir }, stopped);
    try {
      await expect.poll(() => existsSync(record), { timeout: 20_000 }).toBe(true);
      process.umask(savedUmask);
      const url = /(http:\/\/\S+)/.exec(io.out())?.[1] as string;
      const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') as string;
      const [argument, dirMode, fileMode, ...html] = readFileSync(record, 'utf8').split('\n');
      expect(argument).toMatch(/^file:\/\/\/.*\/open\.html$/);
      expect(argument).not.toContain(token);
      // One argument only (a second would stand where the modes are).
      expect([dirMode, fileMode]).toEqual(['700', '600']);
      expect(html.join('\n')).toContain(`url=${url}`);
      const file = fileURLToPath(argument as string);
      expect(existsSync(file)).toBe(true);
      // The page connects: the file has served its purpose and goes.
      const client = await connectClient(Number(new URL(url).port), token);
      await client.close();
      await expect.poll(() => existsSync(file)).toBe(false);
      expect(io.err()).toBe('');
    } finally {
      process.umask(savedUmask);
      process.env.PATH = savedPath;
      if (savedRuntime !== undefined) process.env.XDG_RUNTIME_DIR = savedRuntime;
      stop();
      await run;
      rmSync(stub, { recursive: true, force: true });
    }
  });

  it('without --port, reuses the port the last serve used when it is free, else takes a free one (remembered 0600 in a 0700 dir)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portlens-data-'));
    process.env.PORTLENS_DATA_DIR = join(dataDir, 'fresh');
    const serveOnce = async (): Promise<number> => {
      const io = testIo();
      let stop = (): void => {};
      const run = runServe({ port: null, open: false, pollMs: 500 }, io, { workerPath: null, staticDir: dirs.staticDir }, new Promise<void>((resolve) => (stop = resolve)));
      await expect.poll(() => io.out(), { timeout: 20_000 }).toMatch(/running at http:\/\/127\.0\.0\.1:\d+\//);
      stop();
      expect(await run).toBe(0);
      return Number(/127\.0\.0\.1:(\d+)\//.exec(io.out())?.[1]);
    };
    const holder = createServer();
    try {
      const first = await serveOnce();
      const file = join(dataDir, 'fresh', 'serve-port');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'fresh')).mode & 0o777).toBe(0o700);
      expect(await serveOnce()).toBe(first);
      // Taken by someone else now: another free port, remembered in its turn.
      await new Promise<void>((resolve) => holder.listen(first, '127.0.0.1', () => resolve()));
      const second = await serveOnce();
      expect(second).not.toBe(first);
      expect(readFileSync(file, 'utf8').trim()).toBe(String(second));
    } finally {
      await new Promise<void>((resolve) => (holder.listening ? holder.close(() => resolve()) : resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails with a clear message when the port is taken', async () => {
    process.env.PORTLENS_DATA_DIR = dataDirForTest;
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (holder.address() as { port: number }).port;
      const io = testIo();
      const code = await runServe({ port, open: false, pollMs: 500 }, io, { workerPath: null, staticDir: dirs.staticDir }, new Promise(() => {}));
      expect(code).toBe(1);
      expect(io.err()).toContain(`port ${port} is already in use`);
      expect(io.out()).toBe('');
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('fails with a clear message when the web UI is not built', async () => {
    const io = testIo();
    const code = await runServe({ port: 0, open: false, pollMs: undefined }, io, { workerPath: null, staticDir: join(dirs.root, 'nope') }, Promise.resolve());
    expect(code).toBe(1);
    expect(io.err()).toMatch(/not built/);
  });
});
