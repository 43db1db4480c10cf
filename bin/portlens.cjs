#!/usr/bin/env node
// The `portlens` command: runs the bundled CLI, building it first if this checkout has none
// (npm's `prepare` normally builds it during `npm ci`). CommonJS, like the entry it loads:
// `list` and `who` start faster without Node's ESM loader.
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'node', 'cli.cjs');
if (!existsSync(cli) || !existsSync(join(__dirname, '..', 'dist', 'node', 'cli.mjs'))) {
  const built = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs'), '--node'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('portlens: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}
require(cli);
