/**
 * process.kill on macOS (and Linux without pidfd). There is a window of a few microseconds
 * between `verify()` and kill(2) in which the process could exit and the kernel could hand its
 * pid to a new process; the pid would have to be reused within that window, which needs the
 * whole pid space to wrap around during it. The Linux signaller closes the window with a pidfd.
 */
import { verifyThenSend, type ProcessSignaller, type SendOutcome } from './signaller.js';

/** Signals with kill(2) through process.kill. */
export function createPosixSignaller(): ProcessSignaller {
  return verifyThenSend('kill', (pid, signal) => killOutcome(pid, signal === 'probe' ? 0 : signal));
}

/** process.kill(pid, signal), as an outcome: `sent`, or what errnoOutcome makes of its error. */
export function killOutcome(pid: number, signal: NodeJS.Signals | 0): SendOutcome {
  try {
    process.kill(pid, signal);
    return 'sent';
  } catch (error) {
    return errnoOutcome(error);
  }
}

/** ESRCH → gone, EPERM → permission; anything else is a real fault and is rethrown. */
export function errnoOutcome(error: unknown): SendOutcome {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ESRCH') return 'gone';
  if (code === 'EPERM') return 'permission';
  throw error;
}
