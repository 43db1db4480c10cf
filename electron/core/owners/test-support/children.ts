/**
 * Real child processes for owner tests: node scripts (or any program) that report, as JSON
 * lines on stdout, what they opened. Every child runs in its own process group so that
 * `stopAll` also ends grandchildren it forked; only processes started here are signalled,
 * and a group is signalled only while its leader is still the process we started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { processIdentity, readStat } from '../proc-stat.js';

/** A JSON object a child printed. */
export type ChildMessage = Record<string, unknown>;

/** A running child and its first message. */
export interface Child {
  pid: number;
  startTime: number;
  process: ChildProcess;
  /** The first JSON line the child printed (its "ready" report). */
  ready: ChildMessage;
  /** Sends one command line to the child's stdin and waits for its next JSON line. */
  ask(command: string): Promise<ChildMessage>;
}

/**
 * Prelude for child scripts: `report(obj)` prints a JSON line; `onCommand(fn)` runs `fn(line)`
 * for each stdin line and reports what it returns.
 */
export const CHILD_PRELUDE = `
import { createInterface as __lines } from 'node:readline';
const report = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
const onCommand = (handle) => __lines({ input: process.stdin }).on('line', async (line) => report(await handle(line)));
`;

const TIMEOUT_MS = 30_000;

/** Starts and tracks children; call `stopAll` in afterEach/afterAll. */
export class Children {
  readonly #running: Child[] = [];
  readonly #dirs: string[] = [];

  /** A fresh temporary directory, removed by `stopAll`. */
  tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'portlens-owners-'));
    this.#dirs.push(dir);
    return dir;
  }

  /** Runs `source` (an ES module, CHILD_PRELUDE prepended) as `node <file> ...args`. */
  node(
    source: string,
    options: { args?: string[]; cwd?: string; env?: NodeJS.ProcessEnv; file?: string } = {},
  ): Promise<Child> {
    const file = options.file ?? join(this.tempDir(), 'child.mjs');
    writeFileSync(file, CHILD_PRELUDE + source);
    return this.spawn(process.execPath, [file, ...(options.args ?? [])], options);
  }

  /** Runs any program; it must print one JSON line when ready, unless `noReadyLine` is set. */
  async spawn(
    program: string,
    args: string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv; noReadyLine?: boolean } = {},
  ): Promise<Child> {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true, // own process group: stopAll ends forked grandchildren too
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${program}`);
    const startTime = readStat(pid)?.startTime ?? -1;
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const queue: ChildMessage[] = [];
    const waiters: Array<(message: ChildMessage) => void> = [];
    lines.on('line', (line) => {
      let message: ChildMessage;
      try {
        message = JSON.parse(line) as ChildMessage;
      } catch {
        message = { text: line };
      }
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    const next = (): Promise<ChildMessage> =>
      new Promise((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(
          () => reject(new Error(`child ${pid} (${program}) did not answer`)),
          TIMEOUT_MS,
        );
        const onExit = (code: number | null): void =>
          reject(new Error(`child ${pid} exited (${code}) before answering`));
        child.once('exit', onExit);
        waiters.push((message) => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(message);
        });
      });
    const entry: Child = {
      pid,
      startTime,
      process: child,
      ready: {},
      ask: (command) => {
        child.stdin?.write(`${command}\n`);
        return next();
      },
    };
    this.#running.push(entry);
    if (options.noReadyLine) return entry;
    entry.ready = await next();
    return entry;
  }

  /** Ends one child (and its process group) and waits until it has exited. */
  async stop(child: Child): Promise<void> {
    const index = this.#running.indexOf(child);
    if (index >= 0) this.#running.splice(index, 1);
    await stopGroup(child);
  }

  /** Ends every child still running and removes temporary directories. */
  async stopAll(): Promise<void> {
    const running = this.#running.splice(0);
    await Promise.all(running.map(stopGroup));
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

async function stopGroup(child: Child): Promise<void> {
  const exited = child.process.exitCode !== null || child.process.signalCode !== null;
  const stillOurs = processIdentity(child.pid)?.startTime === child.startTime;
  if (!exited && stillOurs) {
    const done = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.process.kill('SIGKILL');
    }
    await done;
  } else if (stillOurs) {
    // The leader is gone but its group may live on (forked grandchildren).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // no such group: nothing left to end
    }
  }
  child.process.stdin?.destroy();
}

/** Polls `check` until it returns a non-null value (generous timeout; no timing assertions). */
export async function waitFor<T>(
  check: () => T | null | undefined | false,
  what: string,
  timeoutMs = TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
