/** A stand-in CommandRunner for tools that cannot run here (taskkill, PowerShell): records argv. */
import type { CommandOutcome, CommandRunner } from '../run-command.js';

/** Answers every command with `outcome`, recording each argv in `calls`. */
export function standInRunner(outcome: CommandOutcome): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return { env: process.env, calls, run: (argv) => (calls.push([...argv]), Promise.resolve(outcome)) };
}
