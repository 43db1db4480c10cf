/** The streams a CLI command talks through; injected so commands run in tests too. */
import type { ChunkWriter } from '../core/one-shot/piece-pool.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** True when stdin and stdout are a terminal (prompts are allowed). */
  interactive: boolean;
  /** Colour the output (stdout is a terminal, NO_COLOR unset, no --no-color). Absent: no colour. */
  color?: boolean;
  /**
   * Writes bytes to stdout and calls `done` once they are consumed, so their memory may be
   * reused (big outputs then touch little fresh memory). Absent, commands write new buffers.
   */
  stdoutBytes?: ChunkWriter;
}

/** A subcommand: takes its own arguments (after the subcommand name), returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Bad arguments: the CLI prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
