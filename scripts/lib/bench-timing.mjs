// Times whole processes (spawn → exit) and in-process async work, and keeps track of the
// children it started so an interrupted benchmark can stop exactly those.
import { spawn } from 'node:child_process';
import process from 'node:process';
import { childrenCpuMs, selfCpuMs } from './child-cpu.mjs';

/**
 * How one run of a command went. `stdout`/`stderr` are set only with `capture`. Every variant
 * names every field (absent ones as `?: undefined`), so callers may read `reason` or `stdout`
 * whatever the status.
 * @typedef {{ status: 'ok'; ms: number; cpuMs: number | null; reason?: undefined; stdout?: string; stderr?: string }
 *   | { status: 'failed'; ms?: number; cpuMs?: undefined; reason: string; stdout?: string; stderr?: string }
 *   | { status: 'not-installed'; ms?: undefined; cpuMs?: undefined; reason?: undefined; stdout?: undefined; stderr?: undefined }} CommandRun
 */

/**
 * Children running right now, for {@link killRunning}.
 * @type {Set<import('node:child_process').ChildProcess>}
 */
const running = new Set();

/**
 * Runs `command args` once with every stdio on /dev/null and resolves with the wall time from
 * spawn to exit. The tool still formats and writes all its output; it just costs no pipe reads
 * here, the same for every tool. With `capture`, stdout and stderr are collected instead (for
 * the warm-up run, to count rows and explain failures) and the time is not meant to be used.
 * `cpuMs` is the CPU (user + system) of the child and its reaped descendants, or null where it
 * cannot be read; it assumes no other child of ours exits meanwhile (the bench runs one at a time).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string; env?: NodeJS.ProcessEnv; capture?: boolean }} [options]
 * @returns {Promise<CommandRun>}
 */
export function timeCommand(command, args, { cwd, env, capture = false } = {}) {
  return new Promise((resolve) => {
    const cpuBefore = childrenCpuMs();
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
    running.add(child);
    /** @type {Buffer[]} */
    const stdout = [];
    let stderr = '';
    if (capture) {
      // Piped with `capture`, so both streams exist.
      child.stdout?.on('data', (/** @type {Buffer} */ chunk) => stdout.push(chunk));
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (/** @type {string} */ text) => (stderr = (stderr + text).slice(-4000)));
    }
    child.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      running.delete(child);
      resolve(
        error.code === 'ENOENT' ? { status: 'not-installed' } : { status: 'failed', reason: error.message },
      );
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      const output = capture ? { stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr.trim() } : {};
      if (code === 0) resolve({ status: 'ok', ms, cpuMs, ...output });
      else
        resolve({
          status: 'failed',
          ms,
          reason: `exit ${signal ?? code}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`,
          ...output,
        });
    });
  });
}

/**
 * Wall time of one call of an async function, in milliseconds, its result, and the CPU it took:
 * this process's plus that of children reaped meanwhile (e.g. a command it spawned).
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<{ ms: number; cpuMs: number; value: T }>}
 */
export async function timeAsync(fn) {
  const children = childrenCpuMs();
  const self = selfCpuMs();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const childrenAfter = childrenCpuMs();
  const cpuMs =
    selfCpuMs() - self + (children === null || childrenAfter === null ? 0 : childrenAfter - children);
  return { ms, cpuMs, value };
}

/** Sends SIGTERM to every child {@link timeCommand} started that is still running. */
export function killRunning() {
  for (const child of running) child.kill('SIGTERM');
}
