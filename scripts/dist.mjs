#!/usr/bin/env node
// `npm run dist`: builds PortLens (scripts/build.mjs), then runs electron-builder with
// electron-builder.yml into release/. Linux (AppImage, deb) unless platforms are given:
//
//   npm run dist                    the Linux installers
//   npm run dist -- --mac           the dmg (on a Mac)
//   npm run dist -- --win           the NSIS installer
//
// Signing and notarization happen only when their variables are set (lib/dist-environment.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distEnvironment } from './lib/dist-environment.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const builderArgs = args.some((arg) => /^--(linux|mac|macos|win|windows)$/.test(arg))
  ? args
  : ['--linux', ...args];

/**
 * Runs node with `nodeArgs` in the project, attached to this terminal; exits on failure.
 * @param {string[]} nodeArgs
 * @param {NodeJS.ProcessEnv} env
 */
function run(nodeArgs, env) {
  const result = spawnSync(process.execPath, nodeArgs, { cwd: root, stdio: 'inherit', env });
  if (result.error) {
    process.stderr.write(`dist: could not run ${nodeArgs[0]}: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([join(root, 'scripts', 'build.mjs')], process.env);
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
run([cli, ...builderArgs], distEnvironment(process.env));
