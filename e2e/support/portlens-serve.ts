/**
 * `portlens serve` as the user runs it: the built CLI (dist/node/cli.mjs; the test runner
 * builds first) in a child process on a free port. Only that child is ever signalled.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './child-process.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = `${ROOT}dist/node/cli.mjs`;

/** A running `portlens serve`. */
export interface PortlensServe {
  /** The URL it printed, with the token in its fragment. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  pid: number;
  /** What it printed on stdout/stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/node/cli.mjs serve --port 0 --poll <pollMs>` and reads its URL. `dataDir`
 * (kept on stop: the caller's) replaces the fresh one; `port: null` omits --port (serve's default).
 */
export async function startPortlensServe(pollMs = 500, options: { dataDir?: string; port?: number | null } = {}): Promise<PortlensServe> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` before the e2e tests`);
  // Fresh settings (defaults: notifications on), never the user's own data directory.
  const ownDir = options.dataDir === undefined;
  const dataHome = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portlens-e2e-data-'));
  const port = options.port === undefined ? 0 : options.port;
  const portArgs = port === null ? [] : ['--port', String(port)];
  const { started, match } = await startChild(process.execPath, [CLI, 'serve', ...portArgs, '--poll', String(pollMs)], /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))/, {
    cwd: ROOT,
    env: { ...process.env, PORTLENS_DATA_DIR: dataHome },
    timeoutMs: 30_000,
  }).catch((error: unknown) => {
    if (ownDir) rmSync(dataHome, { recursive: true, force: true });
    throw error;
  });
  const listening = Number(match[2]);
  return {
    url: match[1] as string,
    origin: `http://127.0.0.1:${listening}`,
    port: listening,
    token: match[3] as string,
    pid: started.pid,
    output: started.output,
    async stop() {
      await started.stop();
      if (ownDir) rmSync(dataHome, { recursive: true, force: true });
    },
  };
}
