/**
 * Reading the fd links of one process, for the one-shot owner scan. Where koffi and glibc are there,
 * readlinkat(2) on the open /proc/<pid>/fd directory: the kernel walks one path component
 * instead of four, the target lands in a reused buffer (no string per link) and a vanished fd
 * is an errno, not an exception. That makes each link about a third cheaper than
 * readlinkSync; elsewhere readlinkSync does the same job.
 */
import { closeSync, constants, openSync, readdirSync, readlinkSync } from 'node:fs';
import { bindLibc } from '../koffi.js';
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

type ReadlinkAt = (dirfd: number, path: string, buffer: Buffer, size: number) => number;
/** readlinkat with the path as NUL-terminated bytes (no string to convert per call). */
type ReadlinkAtBytes = (dirfd: number, path: Buffer, buffer: Buffer, size: number) => number;
type GetDents = (fd: number, buffer: Buffer, size: number) => number;

const ENOENT = 2;
const ESRCH = 3;
const EPERM = 1;
const EACCES = 13;
/** `socket:[` + 20 digits + `]` fits; a longer target is not a socket. */
const TARGET_BYTES = 64;
const SOCKET_PREFIX = Buffer.from('socket:[');

interface Native {
  readlinkat: ReadlinkAt;
  readlinkatBytes: ReadlinkAtBytes;
  /** getdents64(2), where glibc has it (2.30+). */
  getdents: GetDents | null;
  errno: () => number;
}

let native: Native | null | undefined;

/** Binds readlinkat once per thread; null when koffi or glibc is missing. */
function loadNative(): typeof native {
  if (native !== undefined) return native;
  native = bindLibc<Native>(({ koffi, libc }) => {
    const call = libc.func('intptr_t readlinkat(int dirfd, const char *path, _Out_ uint8_t *buf, size_t size)');
    const callBytes = libc.func('intptr_t readlinkat(int dirfd, const uint8_t *path, _Out_ uint8_t *buf, size_t size)');
    let getdents: GetDents | null = null;
    try {
      const dents = libc.func('intptr_t getdents64(int fd, _Out_ uint8_t *buf, size_t size)');
      getdents = (fd, buffer, size) => dents(fd, buffer, size) as number;
    } catch {
      // An older glibc: the table is listed with readdirSync instead.
    }
    return {
      readlinkat: (dirfd, path, buffer, size) => call(dirfd, path, buffer, size) as number,
      readlinkatBytes: (dirfd, path, buffer, size) => callBytes(dirfd, path, buffer, size) as number,
      getdents,
      errno: () => koffi.errno(),
    };
  });
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
  const dirfd = openFdDirectory(path);
  if (typeof dirfd === 'string') return dirfd;
  const buffer = Buffer.allocUnsafe(TARGET_BYTES);
  return {
    inodeOf(name) {
      const length = calls.readlinkat(dirfd, name, buffer, TARGET_BYTES);
      if (length < 0) return failureOf(calls.errno(), `readlinkat ${path}/${name}`);
      return socketInodeOf(buffer, length);
    },
    close: () => closeSync(dirfd),
  };
}

/** The open `/proc/<pid>/fd` directory's fd, or why it could not be opened. */
function openFdDirectory(path: string): number | 'gone' | 'denied' {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    return procFailure(error);
  }
}

/** gone or denied for an fs error that means so (procFailureOf); anything else is rethrown. */
function procFailure(error: unknown): 'gone' | 'denied' {
  const failure = procFailureOf(error);
  if (failure === null) throw error;
  return failure === 'gone' ? 'gone' : 'denied';
}

/** How reading a whole fd table ended. */
export type TableRead = 'read' | 'gone' | 'denied';

/** Bytes for one getdents64 call: a 20,000-fd table takes about 20 calls. */
const DIRENT_BYTES = 32 * 1024;
/** struct linux_dirent64: d_reclen at 16, d_name (NUL-terminated) at 19. */
const DIRENT_RECLEN = 16;
const DIRENT_NAME = 19;

/**
 * Calls `found` with the socket inode of every socket fd of `pid`. `'denied'` when the table
 * (or a link in it) could not be read, `'gone'` when the process went away; inodes already
 * reported then are to be dropped by the caller (a table counts whole or not at all). Where
 * glibc has getdents64, the names are read as bytes and passed back as bytes: at 20,000 fds,
 * no string per name in either direction. Elsewhere readdirSync and openFdLinks do it.
 */
export function readSocketInodes(pid: number, found: (inode: number) => void, useNative = true): TableRead {
  const calls = useNative ? loadNative() : null;
  const path = `/proc/${pid}/fd`;
  if (!calls?.getdents) return readByNames(pid, found, useNative);
  const dirfd = openFdDirectory(path);
  if (typeof dirfd === 'string') return dirfd;
  try {
    return readDirents(calls, dirfd, path, found);
  } finally {
    closeSync(dirfd);
  }
}

const dirents = { buffer: null as Buffer | null, name: Buffer.alloc(32), target: Buffer.allocUnsafe(TARGET_BYTES) };

function readDirents(calls: Native, dirfd: number, path: string, found: (inode: number) => void): TableRead {
  const getdents = calls.getdents as GetDents;
  const buffer = (dirents.buffer ??= Buffer.allocUnsafe(DIRENT_BYTES));
  const { name, target } = dirents;
  for (;;) {
    const length = getdents(dirfd, buffer, DIRENT_BYTES);
    if (length === 0) return 'read';
    if (length < 0) return failureOf(calls.errno(), `getdents64 ${path}`);
    for (let at = 0; at < length; ) {
      const recordLength = buffer.readUInt16LE(at + DIRENT_RECLEN);
      if (recordLength === 0 || at + recordLength > length) throw new Error(`getdents64 ${path}: malformed record at ${at}`);
      let from = at + DIRENT_NAME;
      if (buffer[from] !== 0x2e) {
        // Not `.` or `..`: an fd number. Copy it with its NUL for readlinkat.
        let size = 0;
        while (size < name.length - 1 && buffer[from] !== 0) name[size++] = buffer[from++] as number;
        name[size] = 0;
        const linkLength = calls.readlinkatBytes(dirfd, name, target, TARGET_BYTES);
        if (linkLength < 0) {
          const errno = calls.errno();
          if (errno !== ENOENT && errno !== ESRCH) return failureOf(errno, `readlinkat ${path}/${name.toString('latin1', 0, size)}`);
          // That fd closed meanwhile.
        } else {
          const inode = socketInodeOf(target, linkLength);
          if (inode !== 0) found(inode);
        }
      }
      at += recordLength;
    }
  }
}

/** gone or denied for the errnos that mean so; anything else is a real fault. */
function failureOf(errno: number, what: string): 'gone' | 'denied' {
  if (errno === ENOENT || errno === ESRCH) return 'gone';
  if (errno === EACCES || errno === EPERM) return 'denied';
  throw new Error(`${what} failed: errno ${errno}`);
}

function readByNames(pid: number, found: (inode: number) => void, useNative: boolean): TableRead {
  let names: string[];
  try {
    names = readdirSync(`/proc/${pid}/fd`);
  } catch (error) {
    return procFailure(error);
  }
  if (names.length === 0) return 'read'; // kernel threads: nothing to open
  const links = openFdLinks(pid, useNative);
  if (typeof links === 'string') return links;
  try {
    for (const name of names) {
      const inode = links.inodeOf(name);
      if (inode === 'gone') continue; // that fd closed meanwhile
      // A listable table whose links are not readable (ptrace check, even for root).
      if (inode === 'denied') return 'denied';
      if (inode !== 0) found(inode);
    }
    return 'read';
  } finally {
    links.close();
  }
}

function pathLinks(prefix: string): FdLinks {
  return {
    inodeOf(name) {
      try {
        return socketInode(readlinkSync(prefix + name));
      } catch (error) {
        return procFailure(error);
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
