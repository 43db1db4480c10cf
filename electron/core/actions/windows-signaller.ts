/**
 * Windows: `taskkill /PID n` asks the process to close (its windows get WM_CLOSE; console
 * programs often ignore it, so the SIGKILL step, `/F`, follows after the wait as elsewhere).
 * Windows does not reuse a pid while any handle to the process is open; we hold none, so the
 * same short window as the POSIX signaller remains between `verify()` and taskkill.
 */
import { execFile } from 'node:child_process';
import { killOutcome } from './posix-signaller.js';
import { verifyThenSend, type ProcessSignaller, type SendOutcome } from './signaller.js';

/** Signals through taskkill.exe. */
export function createWindowsSignaller(): ProcessSignaller {
  return verifyThenSend('taskkill', (pid, signal) => {
    if (signal === 'probe') return killOutcome(pid, 0);
    const args = ['/PID', String(pid), ...(signal === 'SIGKILL' ? ['/F'] : [])];
    return new Promise<SendOutcome>((resolve, reject) => {
      execFile('taskkill', args, { windowsHide: true, timeout: 15_000 }, (error, _stdout, stderr) => {
        if (!error) return resolve('sent');
        // taskkill exits 128 when no such process exists and prints "Access is denied" for EPERM.
        if (error.code === 128) return resolve('gone');
        if (/denied/i.test(stderr)) return resolve('permission');
        reject(new Error(`taskkill ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      });
    });
  });
}
