#!/usr/bin/env node
// Builds PortLens: the Node side (CLI, monitor worker, server) and the Electron shell with
// esbuild into dist/, the renderer with Vite into dist/renderer. `--node` skips the renderer
// (npm's `prepare` uses it so `npx portlens` works right after `npm ci`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync, rmSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeOnly = process.argv.includes('--node');
// Chunks sit beside the entries: code that finds files relative to import.meta.url
// (serve: the worker and the renderer) must resolve the same from any chunk.
// Native and optional modules stay outside the bundle: koffi ships a .node binary.
const external = ['koffi', 'electron', 'bufferutil', 'utf-8-validate'];

const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
/** @type {import('esbuild').BuildOptions} */
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', external, logLevel: 'warning', legalComments: 'none',
  define: { __PORTLENS_VERSION__: JSON.stringify(version) } };
// ESM bundles still meet CommonJS dependencies that call require(): give them one.
const esmBanner = { js: "import { createRequire as __plCreateRequire } from 'node:module'; const require = __plCreateRequire(import.meta.url);" };

rmSync(`${root}/dist/node`, { recursive: true, force: true });
await Promise.all([
  build({ ...common, format: 'esm', splitting: true, banner: esmBanner, outdir: 'dist/node', outExtension: { '.js': '.mjs' }, chunkNames: '[name]-[hash]',
    entryPoints: { cli: 'electron/cli/main.ts', 'monitor-worker': 'electron/core/monitor/worker.ts' } }),
  // The `portlens` command's entry: list and who in one CommonJS file, which starts faster than
  // the ESM build's nine modules; every other command loads cli.mjs (see main-one-shot.ts).
  build({ ...common, format: 'cjs', outdir: 'dist/node', outExtension: { '.js': '.cjs' }, entryPoints: { cli: 'electron/cli/main-one-shot.ts' },
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' }, banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } }),
  build({ ...common, format: 'cjs', outdir: 'dist/electron', outExtension: { '.js': '.cjs' },
    entryPoints: { main: 'electron/shell/main/index.ts' } }).catch(skipMissing),
  // The app's own monitor worker, one self-contained file: the installers ship dist/electron and
  // dist/renderer only, not the CLI's and server's dist/node (whose chunks the CLI shares).
  build({ ...common, format: 'esm', banner: esmBanner, outdir: 'dist/electron', outExtension: { '.js': '.mjs' },
    entryPoints: { 'monitor-worker': 'electron/core/monitor/worker.ts' } }),
  // A sandboxed preload may require only 'electron' (and a few Node builtins): one CJS file.
  build({ ...common, format: 'cjs', outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, platform: 'node',
    entryPoints: { preload: 'electron/shell/preload/index.ts' } }).catch(skipMissing),
]);

if (!nodeOnly) {
  const vite = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}

/**
 * The Electron shell may not exist yet in a partial checkout; the Node side still builds.
 * @param {Error | undefined} error esbuild's rejection (a BuildFailure).
 */
function skipMissing(error) {
  if (String(error?.message).includes('Could not resolve')) return;
  throw error;
}
