#!/usr/bin/env node
// `npm start`: builds PortLens and launches it in Electron. Where the Electron binary is not
// installed (its postinstall downloads it from GitHub, which some machines cannot reach), it
// says so once and points to browser mode instead of failing with a stack trace.
//
//   node scripts/start.mjs            build, then run the desktop app
//   node scripts/start.mjs --web      build, then run the same app in the browser (portlens serve --open)
//   node scripts/start.mjs --no-build skip the build (dist/ is already current)
//   node scripts/start.mjs --no-fallback  without Electron, stop after the message (exit 1)
// PORTLENS_NO_ELECTRON_DOWNLOAD=1 skips the first-run download attempt (tests).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './lib/electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const web = args.includes('--web');
const build = !args.includes('--no-build');
const fallback = !args.includes('--no-fallback');
const passThrough = args.filter((arg) => !['--web', '--no-build', '--no-fallback'].includes(arg));

const MISSING_BINARY =
  'The Electron binary is not installed (it downloads from GitHub, which this machine cannot reach). ' +
  'Starting the same app in your browser instead: npx portlens serve --open';

/**
 * Runs `command` attached to this terminal, forwarding Ctrl-C and termination; exits with its code.
 * @param {string} command
 * @param {readonly string[]} commandArgs
 * @param {NodeJS.ProcessEnv} [env]
 */
function runAttached(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  /** @type {NodeJS.Signals[]} */
  const forwarded = ['SIGINT', 'SIGTERM'];
  for (const signal of forwarded) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`start: could not run ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function buildAll() {
  if (!build) return;
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write('start: the build failed (see above)\n');
    process.exit(result.status ?? 1);
  }
}

if (web) {
  buildAll();
  runAttached(process.execPath, [join(root, 'bin', 'portlens.cjs'), 'serve', '--open', ...passThrough]);
} else {
  // npm ci does not run electron's download script (package.json allowScripts): fetch the
  // binary on first start instead, where the machine can reach GitHub.
  const binary = electronBinary(root) ?? (downloadElectron() && electronBinary(root));
  if (!binary) {
    process.stderr.write(`${MISSING_BINARY}\n`);
    if (!fallback) process.exit(1);
    buildAll();
    runAttached(process.execPath, [join(root, 'bin', 'portlens.cjs'), 'serve', '--open', ...passThrough]);
  } else {
    buildAll();
    // ELECTRON_RUN_AS_NODE inherited from a parent tool would start a plain Node instead of the app.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    // `.` loads package.json (name, version, main: dist/electron/main.cjs) as the packaged app does.
    runAttached(binary, ['.', ...passThrough], env);
  }
}

/** Runs electron's own install script (it downloads the binary); true when it succeeded. */
function downloadElectron() {
  if (process.env.PORTLENS_NO_ELECTRON_DOWNLOAD === '1') return false;
  let installScript;
  try {
    installScript = createRequire(join(root, 'package.json')).resolve('electron/install.js');
  } catch {
    return false;
  }
  process.stderr.write('start: downloading the Electron binary (first run)…\n');
  const result = spawnSync(process.execPath, [installScript], {
    cwd: dirname(installScript),
    stdio: 'ignore',
    timeout: 180_000,
  });
  return result.status === 0;
}
