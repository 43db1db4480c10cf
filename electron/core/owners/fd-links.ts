/**
 * Reading the fd links of one process, for the one-shot owner scan. Where koffi and glibc are there,
 * readlinkat(2) on the open /proc/<pid>/fd directory: the kernel walks one path component
 * instead of four, the target lands in a reused buffer (no string per link) and a vanished fd
 * is an errno, not an exception. That makes each link about a third cheaper than
 * readlinkSync; elsewhere readlinkSync does the same job.
 */
import { closeSync, constants, openSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { socketInode } from './fd-index.js';
import { procFailureOf } from './proc-files.js';

/** A link's socket inode (0: not a socket), or why it could not be read. */
export type LinkResult = number | 'gone' | 'denied';

/** An open fd directory. */
export interface FdLinks {
  /** The socket inode of fd `name` of this directory. Throws on unexpected errors. */
  inodeOf(name: string): LinkResult;
  close(): void;
}

type Koffi = typeof import('koffi');
type ReadlinkAt = (dirfd: number, path: string, buffer: Buffer, size: number) => number;

const ENOENT = 2;
const ESRCH = 3;
const EPERM = 1;
const EACCES = 13;
/** `socket:[` + 20 digits + `]` fits; a longer target is not a socket. */
const TARGET_BYTES = 64;
const SOCKET_PREFIX = Buffer.from('socket:[');

let native: { readlinkat: ReadlinkAt; errno: () => number } | null | undefined;

/** Binds readlinkat once per thread; null when koffi or glibc is missing. */
function loadNative(): typeof native {
  if (native !== undefined) return native;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as Koffi;
    const libc = koffi.load('libc.so.6');
    const call = libc.func('intptr_t readlinkat(int dirfd, const char *path, _Out_ uint8_t *buf, size_t size)');
    native = { readlinkat: (dirfd, path, buffer, size) => call(dirfd, path, buffer, size) as number, errno: () => koffi.errno() };
  } catch {
    native = null;
  }
  return native;
}

/**
 * Opens `/proc/<pid>/fd` for reading links, or says why not. `useNative: false` forces
 * readlinkSync (tests compare both ways).
 */
export function openFdLinks(pid: number, useNative = true): FdLinks | 'gone' | 'denied' {
  const path = `/proc/${pid}/fd`;
  const calls = useNative ? loadNative() : null;
  if (!calls) return pathLinks(`${path}/`);
  let dirfd: number;
  try {
    dirfd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    const failure = procFailureOf(error);
    if (failure === null) throw error;
    return failure === 'gone' ? 'gone' : 'denied';
  }
  const buffer = Buffer.allocUnsafe(TARGET_BYTES);
  return {
    inodeOf(name) {
      const length = calls.readlinkat(dirfd, name, buffer, TARGET_BYTES);
      if (length < 0) {
        const errno = calls.errno();
        if (errno === ENOENT || errno === ESRCH) return 'gone';
        if (errno === EACCES || errno === EPERM) return 'denied';
        throw new Error(`readlinkat ${path}/${name} failed: errno ${errno}`);
      }
      return socketInodeOf(buffer, length);
    },
    close: () => closeSync(dirfd),
  };
}

function pathLinks(prefix: string): FdLinks {
  return {
    inodeOf(name) {
      try {
        return socketInode(readlinkSync(prefix + name));
      } catch (error) {
        const failure = procFailureOf(error);
        if (failure === null) throw error;
        return failure === 'gone' ? 'gone' : 'denied';
      }
    },
    close() {},
  };
}

/** The inode of a `socket:[12345]` target held in `buffer[0, length)`, else 0 (as socketInode). */
export function socketInodeOf(buffer: Uint8Array, length: number): number {
  const start = SOCKET_PREFIX.length;
  if (length <= start + 1 || length >= TARGET_BYTES || buffer[length - 1] !== 0x5d) return 0;
  for (let i = 0; i < start; i++) if (buffer[i] !== SOCKET_PREFIX[i]) return 0;
  let value = 0;
  for (let i = start; i < length - 1; i++) {
    const digit = (buffer[i] as number) - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : 0;
}
