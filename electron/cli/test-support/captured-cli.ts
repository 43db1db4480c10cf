/** Runs the CLI in this process with captured streams (no terminal: nothing can prompt). */
import { PassThrough } from 'node:stream';
import { runCli } from '../run-cli.js';

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
