/**
 * `portlens serve [--port N] [--open] [--poll MS] [--token-file FILE]`: PortLens in a browser. Starts the backend
 * and the loopback server (by default on the port the last serve used, when free: serve-port.ts), prints the URL (it carries the access token in its fragment; stdout
 * is the user's own, a command line is not: see open-in-browser.ts), and runs until Ctrl-C or
 * SIGTERM.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../core/backend/create-backend.js';
import { dataDir } from '../../core/paths.js';
import { startServer } from '../../server/start-server.js';
import { readTokenFile } from '../../server/token-file.js';
import { parse } from '../args.js';
import { rememberedServePort, rememberServePort } from '../serve-port.js';
import { openInBrowser } from '../open-in-browser.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';

/** Parsed `serve` arguments. */
export interface ServeArgs {
  /** 0 picks a free port; null (no --port) the last one serve used when free, else a free one. */
  port: number | null;
  open: boolean;
  pollMs: number | undefined;
  /** `--token-file`: a fixed token (for a Prometheus scraping /metrics); absent, a fresh one. */
  tokenFile?: string;
}

/** Parses `serve`'s arguments; every mistake is a UsageError. */
export function parseServeArgs(args: string[]): ServeArgs {
  const { values } = parse(
    args,
    { port: { type: 'string' }, open: { type: 'boolean' }, poll: { type: 'string' }, 'token-file': { type: 'string' } },
    false,
  );
  let port: number | null = null;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new UsageError(`--port must be a port number 0–65535 (0 picks a free one), got "${values.port}"`);
    }
    port = Number(values.port);
  }
  let pollMs: number | undefined;
  if (values.poll !== undefined) {
    if (!/^\d{1,6}$/.test(values.poll) || Number(values.poll) < 200 || Number(values.poll) > 60_000) {
      throw new UsageError(`--poll must be milliseconds between 200 and 60000, got "${values.poll}"`);
    }
    pollMs = Number(values.poll);
  }
  if (values['token-file'] === '') throw new UsageError('--token-file needs a file name');
  const tokenFile = values['token-file'];
  return { port, open: values.open ?? false, pollMs, ...(tokenFile === undefined ? {} : { tokenFile }) };
}

/** Files the bundled CLI finds beside itself (dist/node/cli.mjs → dist/node, dist/renderer). */
export interface ServeFiles {
  workerPath: string | null;
  staticDir: string;
}

/** Resolves the worker and the renderer relative to this (bundled) module. */
export function bundledFiles(moduleUrl: string = import.meta.url): ServeFiles {
  const worker = fileURLToPath(new URL('./monitor-worker.mjs', moduleUrl));
  return {
    // Unbundled (tests run the TypeScript), there is no worker file: monitor in-process.
    workerPath: existsSync(worker) ? worker : null,
    staticDir: fileURLToPath(new URL('../renderer', moduleUrl)),
  };
}

/**
 * Runs the server until `stopped` settles. Separated from the command so tests can stop it
 * without signalling the test process.
 */
export async function runServe(args: ServeArgs, io: CliIo, files: ServeFiles, stopped: Promise<unknown>): Promise<number> {
  if (!existsSync(`${files.staticDir}/index.html`)) {
    io.stderr.write(`portlens serve: the web UI is not built (${files.staticDir}/index.html is missing); run \`npm run build\`\n`);
    return 1;
  }
  let token: string | undefined;
  try {
    token = args.tokenFile === undefined ? undefined : readTokenFile(args.tokenFile);
  } catch (error) {
    io.stderr.write(`portlens serve: ${(error as Error).message}\n`);
    return 1;
  }
  const backend = await createBackend({ dataDir: dataDir(), workerPath: files.workerPath, pollIntervalMs: args.pollMs });
  const start = (port: number) =>
    startServer({ backend, port, staticDir: files.staticDir, token, log: (line) => io.stderr.write(`${line}\n`) });
  const remembered = args.port === null ? rememberedServePort(dataDir()) : null;
  let server;
  try {
    server = await start(args.port ?? remembered ?? 0).catch((error: unknown) => {
      // The remembered port is a preference: taken now, any free one will do.
      if (remembered !== null && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') return start(0);
      throw error;
    });
  } catch (error) {
    await backend.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${args.port} is already in use` : (error as Error).message;
    io.stderr.write(`portlens serve: cannot listen: ${reason}\n`);
    return 1;
  }
  if (args.port === null) rememberServePort(dataDir(), server.port);
  io.stdout.write(`PortLens is running at ${server.url}\n`);
  const opener = args.open
    ? openInBrowser({
        url: server.url,
        fallbackDir: dataDir(),
        used: server.firstConnection,
        note: (why) => void io.stderr.write(`portlens serve: could not open a browser (${why}); open the URL above yourself\n`),
      })
    : null;
  await stopped;
  opener?.remove();
  await server.close();
  await backend.close();
  return 0;
}

/** The `serve` command: runs until SIGINT (Ctrl-C) or SIGTERM. */
export const serveCommand: CliCommand = async (args, io) => {
  const parsed = parseServeArgs(args);
  let onSignal = (): void => {};
  const stopped = new Promise<void>((resolve) => (onSignal = resolve));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runServe(parsed, io, bundledFiles(), stopped);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
};

