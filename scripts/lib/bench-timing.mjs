// Times whole processes (spawn → exit) and in-process async work, and keeps track of the
// children it started so an interrupted benchmark can stop exactly those.
import { spawn } from 'node:child_process';
import process from 'node:process';

/** Children running right now, for {@link killRunning}. */
const running = new Set();

/**
 * Runs `command args` once with every stdio on /dev/null and resolves with the wall time from
 * spawn to exit. The tool still formats and writes all its output; it just costs no pipe reads
 * here, the same for every tool. With `capture`, stdout and stderr are collected instead (for
 * the warm-up run, to count rows and explain failures) and the time is not meant to be used.
 */
export function timeCommand(command, args, { cwd, env, capture = false } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
    running.add(child);
    const stdout = [];
    let stderr = '';
    if (capture) {
      child.stdout.on('data', (chunk) => stdout.push(chunk));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text) => (stderr = (stderr + text).slice(-4000)));
    }
    child.once('error', (error) => {
      running.delete(child);
      resolve(error.code === 'ENOENT' ? { status: 'not-installed' } : { status: 'failed', reason: error.message });
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const output = capture ? { stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr.trim() } : {};
      if (code === 0) resolve({ status: 'ok', ms, ...output });
      else resolve({ status: 'failed', ms, reason: `exit ${signal ?? code}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`, ...output });
    });
  });
}

/** Wall time of one call of an async function, in milliseconds, and its result. */
export async function timeAsync(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Sends SIGTERM to every child {@link timeCommand} started that is still running. */
export function killRunning() {
  for (const child of running) child.kill('SIGTERM');
}
