/**
 * Linux: signal through a pidfd (pidfd_open + pidfd_send_signal, glibc 2.36+, kernel 5.3+) so no
 * pid reuse can redirect the signal. The pidfd is opened first and the identity checked after:
 * if /proc still shows the expected start time for the pid, the process the pidfd pins is the
 * one the user saw (that process has been alive the whole time, so it held the pid at open),
 * and the signal reaches it or nobody. Node has no pidfd API; koffi (FFI, prebuilt) reaches
 * libc. Without koffi or pidfd support we fall back to process.kill (see posix-signaller.ts).
 */
import { bindLibc } from '../koffi.js';
import { constants } from 'node:os';
import { createPosixSignaller } from './posix-signaller.js';
import { outcomeOfIdentity, type KillSignal, type ProcessSignaller, type SendOutcome } from './signaller.js';


interface PidfdCalls {
  open(pid: number): number;
  send(fd: number, signo: number): number;
  close(fd: number): void;
  errno(): number;
}

const ESRCH = constants.errno.ESRCH;
const EPERM = constants.errno.EPERM;

/** Bound once per process: undefined until first asked, null when unavailable. */
let bound: PidfdCalls | null | undefined;

/** A pidfd signaller, or the process.kill one when pidfds are unavailable here. */
export function createPidfdSignaller(): ProcessSignaller {
  if (bound === undefined) bound = loadPidfd();
  const calls = bound;
  if (!calls) return createPosixSignaller();
  return {
    mechanism: 'pidfd',
    async send(pid, signal, verify) {
      const fd = calls.open(pid);
      if (fd < 0) {
        const errno = calls.errno();
        if (errno === ESRCH) return 'gone';
        throw new Error(`pidfd_open(${pid}) failed with errno ${errno}`);
      }
      try {
        const early = outcomeOfIdentity(verify());
        if (early) return early;
        if (calls.send(fd, signalNumber(signal)) === 0) return 'sent';
        return sendFailure(calls.errno(), pid);
      } finally {
        calls.close(fd);
      }
    },
  };
}

function sendFailure(errno: number, pid: number): SendOutcome {
  if (errno === ESRCH) return 'gone';
  if (errno === EPERM) return 'permission';
  throw new Error(`pidfd_send_signal(${pid}) failed with errno ${errno}`);
}

function signalNumber(signal: KillSignal | 'probe'): number {
  return signal === 'probe' ? 0 : constants.signals[signal];
}

/** Binds the libc calls; null when koffi, glibc's wrappers or the kernel's syscalls are missing. */
function loadPidfd(): PidfdCalls | null {
  return bindLibc(({ koffi, libc }) => {
    const open = libc.func('int pidfd_open(int pid, unsigned int flags)');
    const send = libc.func('int pidfd_send_signal(int pidfd, int sig, void *info, unsigned int flags)');
    const close = libc.func('int close(int fd)');
    const calls: PidfdCalls = {
      open: (pid) => open(pid, 0) as number,
      send: (fd, signo) => send(fd, signo, null, 0) as number,
      close: (fd) => void close(fd),
      errno: () => koffi.errno(),
    };
    // Our own pid proves the kernel supports pidfds (ENOSYS before 5.3, EPERM under seccomp).
    const probe = calls.open(process.pid);
    if (probe < 0) return null;
    calls.close(probe);
    return calls;
  });
}
