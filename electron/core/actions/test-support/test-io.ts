/** Captured streams for CLI command tests (structurally a CliIo; core does not import the CLI). */
import { PassThrough, Readable } from 'node:stream';

/** A CliIo whose output is captured; `input` is what the user types. */
export interface TestIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  interactive: boolean;
  out(): string;
  err(): string;
}

/** Fresh captured streams. */
export function testIo(options: { interactive?: boolean; input?: string } = {}): TestIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return {
    stdout,
    stderr,
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    interactive: options.interactive ?? false,
    out: () => out,
    err: () => err,
  };
}
