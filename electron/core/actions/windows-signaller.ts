/**
 * Windows: `taskkill /PID n` asks the process to close (its windows get WM_CLOSE); the SIGKILL
 * step follows after the wait as elsewhere, through process.kill (TerminateProcess), whose
 * errors are codes (EPERM, ESRCH), not text. taskkill's messages are translated, so only its
 * exit status is read: 0 sent, 128 no such process, anything else a polite request the process
 * could not hear or PortLens may not send (a console program such as node or python has no
 * window; another user's process). Like a SIGTERM that is ignored, that counts as sent, and the
 * forced step says what happens. No `/T`: a kill request already names each child, and each
 * one gets its own identity check.
 * Windows does not reuse a pid while any handle to the process is open; we hold none, so the
 * same short window as the POSIX signaller remains between `verify()` and the send.
 */
import { windowsProgram } from '../owners/windows/system-programs.js';
import { killOutcome } from './posix-signaller.js';
import { createCommandRunner, type CommandRunner } from './run-command.js';
import { verifyThenSend, type ProcessSignaller, type SendOutcome } from './signaller.js';

/** taskkill's exit status when no process has the pid. */
const NO_SUCH_PROCESS = 128;

/** Signals through taskkill.exe (run by `commands`, the real machine by default) and TerminateProcess. */
export function createWindowsSignaller(commands: CommandRunner = createCommandRunner()): ProcessSignaller {
  return verifyThenSend('taskkill', async (pid, signal) => {
    if (signal === 'probe') return killOutcome(pid, 0);
    if (signal === 'SIGKILL') return killOutcome(pid, 'SIGKILL');
    const argv = [windowsProgram('taskkill'), '/PID', String(pid)];
    const run = await commands.run(argv, { timeoutMs: 15_000 });
    if (!run.ok) throw new Error(`${argv.join(' ')} failed: ${run.message}`);
    return politeOutcome(run.code);
  });
}

/** What a polite taskkill's exit status means. */
export function politeOutcome(code: number): SendOutcome {
  return code === NO_SUCH_PROCESS ? 'gone' : 'sent';
}
