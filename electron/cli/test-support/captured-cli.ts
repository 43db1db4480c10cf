/** Test support (not shipped): the CLI run in this process with its output captured. */
import { PassThrough } from 'node:stream';
import { runCli } from '../run-cli.js';

/** Runs `portlens <args>` in this process; resolves with the exit code and what it printed. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), interactive: false });
  return { code, stdout: out, stderr: err };
}
