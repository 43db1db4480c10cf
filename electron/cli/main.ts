/**
 * Entry point of the ESM bundle (dist/node/cli.mjs): runs the CLI on this process. The
 * `portlens` command starts from main-one-shot.ts, which comes here for every command but
 * `list` and `who`.
 */
import { exitWhenFlushed, processIo } from './process-io.js';
import { runCli } from './run-cli.js';

exitWhenFlushed(await runCli(process.argv.slice(2), processIo()));
