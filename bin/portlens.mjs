#!/usr/bin/env node
// The `portlens` command: runs the bundled CLI, building it first if this checkout has none
// (npm's `prepare` normally builds it during `npm ci`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--node'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('portlens: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);
