// `portlens serve`: argument parsing, and a real run (real backend, real server) stopped the
// way Ctrl-C stops it, without signalling the test process.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../io.js';
import { httpGet, makeStaticDir } from '../../server/test-helpers.js';
import { bundledFiles, parseServeArgs, runServe } from './serve.js';

describe('parseServeArgs', () => {
  it('reads --port, --open and --poll', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, open: false, pollMs: undefined });
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
      await expect.poll(() => io.out(), { timeout: 20_000 }).toMatch(/PortLens is running at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const url = new URL(/(http:\/\/\S+)/.exec(io.out())?.[1] as string);
      const port = Number(url.port);
      const reply = await httpGet(port, url.pathname + url.search);
      expect(reply.status).toBe(303);
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
