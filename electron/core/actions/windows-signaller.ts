/**
 * Windows: `taskkill /PID n` asks the process to close (its windows get WM_CLOSE), and the
 * SIGKILL step, `/F`, follows after the wait as elsewhere. A console program (node, python, java)
 * has no window: taskkill then refuses with "This process can only be terminated forcefully
 * (with /F option)". That is a polite request the process cannot hear, like a SIGTERM it
 * ignores, so it counts as sent and the escalation to `/F` ends it. No `/T`: a kill request
 * already names each child, and each one gets its own identity check.
 * Windows does not reuse a pid while any handle to the process is open; we hold none, so the
 * same short window as the POSIX signaller remains between `verify()` and taskkill.
 */
import { killOutcome } from './posix-signaller.js';
import { createCommandRunner, type CommandRunner } from './run-command.js';
import { verifyThenSend, type ProcessSignaller, type SendOutcome } from './signaller.js';

/** Signals through taskkill.exe, run by `commands` (the real machine by default). */
export function createWindowsSignaller(commands: CommandRunner = createCommandRunner()): ProcessSignaller {
  return verifyThenSend('taskkill', async (pid, signal) => {
    if (signal === 'probe') return killOutcome(pid, 0);
    const argv = ['taskkill', '/PID', String(pid), ...(signal === 'SIGKILL' ? ['/F'] : [])];
    const run = await commands.run(argv, { timeoutMs: 15_000 });
    if (!run.ok) throw new Error(`${argv.join(' ')} failed: ${run.message}`);
    return taskkillOutcome(run.code, run.output, argv);
  });
}

/** What taskkill's exit status and message mean. */
export function taskkillOutcome(code: number, output: string, argv: readonly string[]): SendOutcome {
  if (code === 0) return 'sent';
  // 128: no such process. "Access is denied": a process of another user or a protected one.
  if (code === 128 || /not found/i.test(output)) return 'gone';
  if (/Access is denied/i.test(output)) return 'permission';
  if (/terminated forcefully/i.test(output)) return 'sent';
  throw new Error(`${argv.join(' ')} failed (exit status ${code}): ${output.trim().slice(0, 500)}`);
}
