/** Real HTTP servers for the scenarios: child processes on free loopback ports. */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './child-process.js';

const SCRIPT = fileURLToPath(new URL('./http-server-child.mjs', import.meta.url));

/** A running HTTP server child. */
export interface HttpServerChild {
  pid: number;
  port: number;
  host: string;
  /** Its argv as the kernel reports it (what the owner panel shows). */
  argv: string[];
  cwd: string;
  stop(): Promise<void>;
}

/** Options of `startHttpServer`. */
export interface HttpServerOptions {
  /** Bind address; default 127.0.0.1. */
  host?: string;
  /** A fixed port; default a free one. */
  port?: number;
  /** Text it answers with and shows in its argv. */
  label?: string;
  /** Working directory; default a fresh temp dir (so the panel has something distinctive). */
  cwd?: string;
  /** On SIGTERM, close the port first and exit this long after (default: at once). */
  lingerMs?: number;
  /** Run it with another interpreter (e.g. a python3 server) instead of node. */
  command?: { file: string; args: (port: number) => string[]; ready: RegExp };
}

/** Starts a real HTTP server child and resolves once it listens. */
export async function startHttpServer(options: HttpServerOptions = {}): Promise<HttpServerChild> {
  const host = options.host ?? '127.0.0.1';
  const ownDir = options.cwd === undefined;
  const cwd = realpathSync(options.cwd ?? mkdtempSync(join(tmpdir(), 'portlens-e2e-app-')));
  const removeOwnDir = (): void => {
    if (ownDir) rmSync(cwd, { recursive: true, force: true });
  };
  const label = options.label ?? 'e2e server';
  const file = options.command?.file ?? process.execPath;
  const linger = options.lingerMs ? ['--linger-ms', String(options.lingerMs)] : [];
  const args = options.command?.args(options.port ?? 0) ?? [SCRIPT, '--port', String(options.port ?? 0), '--host', host, '--label', label, ...linger];
  const ready = options.command?.ready ?? /LISTENING (\d+)/;
  const { started, match } = await startChild(file, args, ready, { cwd }).catch((error: unknown) => {
    removeOwnDir();
    throw error;
  });
  return {
    pid: started.pid,
    port: Number(match[1] ?? options.port),
    host,
    argv: [file, ...args],
    cwd,
    async stop() {
      await started.stop();
      removeOwnDir();
    },
  };
}
