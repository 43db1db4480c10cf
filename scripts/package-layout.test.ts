/**
 * The packaged app's layout, built for real by electron-builder (`--linux --dir`, this repository's
 * electron-builder.yml) from a stand-in Electron distribution (`-c.electronDist`: a placeholder
 * `electron` file, LICENSE and an empty default_app.asar), since the real binary cannot be
 * downloaded here. electron-builder lays out app.asar and app.asar.unpacked, then stops at the
 * fuse step, which needs the real binary. Downloads are pointed at a closed port, so the run
 * proves nothing is fetched; if electron-builder cannot run offline here, the test is skipped
 * with the reason, never failed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createPackage, extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../electron/shell/main/app-paths.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const builderCli = join(root, 'node_modules', 'electron-builder', 'cli.js');
/** Nothing listens here: any download electron-builder tried would fail, and the run with it. */
const NOWHERE = 'http://127.0.0.1:9/';

let work = '';
let resources = '';
/** Why the layout cannot be checked here, or null when electron-builder laid it out. */
let skipReason: string | null = null;

/** A stand-in Electron distribution: what electron-builder copies before it needs the binary. */
async function standInElectronDist(dir: string): Promise<void> {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in: not Electron" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in Electron distribution\n');
  const empty = join(dir, '..', 'empty');
  mkdirSync(empty);
  await createPackage(empty, join(dir, 'resources', 'default_app.asar'));
}

/** Runs electron-builder offline; resolves with its output whatever the exit status. */
function runElectronBuilder(electronDist: string, output: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_MIRROR: NOWHERE,
    ELECTRON_BUILDER_BINARIES_MIRROR: NOWHERE,
    HTTP_PROXY: NOWHERE,
    HTTPS_PROXY: NOWHERE,
    http_proxy: NOWHERE,
    https_proxy: NOWHERE,
    NO_PROXY: '',
    no_proxy: '',
  };
  for (const secret of ['GH_TOKEN', 'GITHUB_TOKEN', 'CSC_LINK', 'CSC_KEY_PASSWORD']) delete env[secret];
  const args = [
    builderCli,
    '--linux',
    '--dir',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
    // koffi ships prebuilt binaries: nothing to rebuild, and no compiler or headers to fetch.
    '-c.npmRebuild=false',
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env, timeout: 180_000, maxBuffer: 16 << 20 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

beforeAll(async () => {
  if (process.platform !== 'linux') {
    skipReason = 'the Linux layout is built on Linux only';
  } else if (!existsSync(builderCli)) {
    skipReason = 'electron-builder is not installed';
  } else {
    for (const file of [
      'dist/electron/main.cjs',
      'dist/electron/monitor-worker.mjs',
      'dist/renderer/index.html',
    ])
      if (!existsSync(join(root, file)))
        throw new Error(`${file} is missing: run \`node scripts/build.mjs\` first`);
    work = mkdtempSync(join(tmpdir(), 'portlens-layout-'));
    await standInElectronDist(join(work, 'electron-dist'));
    const log = await runElectronBuilder(join(work, 'electron-dist'), join(work, 'out'));
    resources = join(work, 'out', 'linux-unpacked', 'resources');
    if (!existsSync(join(resources, 'app.asar'))) {
      const tail = log.trim().split('\n').slice(-6).join('\n');
      if (/ENOTFOUND|ECONNREFUSED|EAI_AGAIN|download|getaddrinfo|proxy|127\.0\.0\.1:9/i.test(log)) {
        skipReason = `electron-builder cannot lay out the app offline here:\n${tail}`;
      } else {
        throw new Error(`electron-builder did not lay out app.asar:\n${log}`);
      }
    }
  }
  if (skipReason) console.log(`package layout: skipped: ${skipReason}`);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged app layout (electron-builder --linux --dir, stand-in Electron distribution)', () => {
  it('app.asar holds the main bundle, preload, renderer and icons, and no CLI, server, benchmarks or maps', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((file) =>
      file.replaceAll('\\', '/'),
    );
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/build/icons/24x24.png',
      '/build/icons/trayTemplate.png',
    ])
      expect(files, file).toContain(file);
    expect(files.some((file) => file.startsWith('/dist/renderer/assets/') && file.endsWith('.js'))).toBe(
      true,
    );
    expect(
      files.filter((file) =>
        /^\/dist\/(node|bench)\/|\.map$|^\/(electron|renderer\/src|scripts|e2e)\//.test(file),
      ),
    ).toEqual([]);
    expect(files.filter((file) => /^\/node_modules\/koffi\/(src|vendor|doc)\//.test(file))).toEqual([]);
    // The packaged package.json starts the main bundle.
    const manifest = JSON.parse(
      extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8'),
    ) as {
      main: string;
    };
    expect(manifest.main).toBe('dist/electron/main.cjs');
  });

  it('the monitor worker and koffi are unpacked where main looks, and the worker runs from there', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // Where the packaged main process (app.asar/dist/electron/main.cjs) looks for its worker.
    const { workerPath } = appPaths(join(resources, 'app.asar', 'dist', 'electron'));
    expect(workerPath).toBe(join(resources, 'app.asar.unpacked', 'dist', 'electron', 'monitor-worker.mjs'));
    expect(existsSync(workerPath)).toBe(true);
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'koffi', 'package.json'))).toBe(true);
    expect(existsSync(join(unpacked, '@koromix', `koffi-linux-${process.arch}`))).toBe(true);
    // Plain Node cannot read app.asar: a worker that starts and collects proves it needs
    // nothing from inside the archive (koffi and its native binary resolve from the unpacked copy).
    const worker = new Worker(workerPath, {
      workerData: { intervalMs: 60_000, prefer: 'proc', quietHeartbeatMs: null },
    });
    try {
      const first = await new Promise<{ type: string }>((resolve, reject) => {
        worker.on('message', (message: { type: string }) => message.type === 'snapshot' && resolve(message));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
      });
      expect(first.type).toBe('snapshot');
    } finally {
      await worker.terminate();
    }
  });
});
