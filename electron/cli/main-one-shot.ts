/**
 * Entry point of the `portlens` command (dist/node/cli.cjs, one CommonJS file). `list` and
 * `who` are run many times a day and finish in a fraction of a second, so their start-up is a
 * real share of their time: Node's ESM loader and the build's shared chunks (nine modules) cost
 * ~15 ms more than one CommonJS file. They run from here; every other command (and help) loads
 * the ESM build, dist/node/cli.mjs, beside this file.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listCommand } from './commands/list.js';
import { whoCommand } from './commands/who.js';
import { runWith } from './dispatch.js';
import { exitWhenFlushed, processIo } from './process-io.js';

const argv = process.argv.slice(2);
const oneShot = argv[0] === 'list' || argv[0] === 'who';
if (oneShot) {
  void runWith(argv, processIo(), { list: async () => listCommand, who: async () => whoCommand }).then(exitWhenFlushed);
} else {
  // This file runs as CommonJS (scripts/build.mjs), so __dirname is dist/node.
  void import(pathToFileURL(join(__dirname, 'cli.mjs')).href);
}
