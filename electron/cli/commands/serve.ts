/**
 * `portlens serve [--port N] [--open] [--poll MS]`: PortLens in a browser. Starts the backend
 * and the loopback server, prints the URL (it carries the access token), and runs until
 * Ctrl-C or SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../core/backend/create-backend.js';
import { dataDir } from '../../core/paths.js';
import { startServer } from '../../server/start-server.js';
import { parse } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';

/** Usage line of `serve`. */
export const SERVE_USAGE = 'portlens serve [--port N] [--open] [--poll MS]';

/** Parsed `serve` arguments. */
export interface ServeArgs {
  /** 0 picks a free port. */
  port: number;
  open: boolean;
  pollMs: number | undefined;
}

/** Parses `serve`'s arguments; every mistake is a UsageError. */
export function parseServeArgs(args: string[]): ServeArgs {
  const { values } = parse(args, { port: { type: 'string' }, open: { type: 'boolean' }, poll: { type: 'string' } }, false);
  let port = 0;
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
  return { port, open: values.open ?? false, pollMs };
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
  const backend = await createBackend({ dataDir: dataDir(), workerPath: files.workerPath, pollIntervalMs: args.pollMs });
  let server;
  try {
    server = await startServer({ backend, port: args.port, staticDir: files.staticDir, log: (line) => io.stderr.write(`${line}\n`) });
  } catch (error) {
    await backend.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${args.port} is already in use` : (error as Error).message;
    io.stderr.write(`portlens serve: cannot listen: ${reason}\n`);
    return 1;
  }
  io.stdout.write(`PortLens is running at ${server.url}\n`);
  if (args.open) openInBrowser(server.url, io);
  await stopped;
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

/** Opens `url` in the default browser; a failure is one line on stderr, never fatal. */
function openInBrowser(url: string, io: CliIo): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  const note = (why: string): void => void io.stderr.write(`portlens serve: could not open a browser (${why}); open the URL above yourself\n`);
  try {
    const child = spawn(command as string, args, { stdio: 'ignore', detached: true });
    child.on('error', (error) => note(error.message));
    child.on('exit', (code) => {
      if (code) note(`${command} exited with ${code}`);
    });
    child.unref();
  } catch (error) {
    note((error as Error).message);
  }
}
