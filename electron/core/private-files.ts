/**
 * Files PortLens writes may hold secrets — a restarted service's command line (`--api-key=…`)
 * and its output — so they live in directories only their owner can enter (0700) and are
 * created 0600, whatever the umask. Files are opened without following links, and a file or
 * directory someone else controls is refused with a `PrivateFileError` that says what is wrong
 * and what to do; it is never written to.
 *
 * Policy for what already exists:
 * - a directory we own is tightened to 0700; one owned by another user, or a symbolic link
 *   owned by another user, is refused. A link we own to a directory we own is followed (dotfile
 *   managers link `~/.config/PortLens`), and the directory it names is checked and tightened;
 * - a file we write to must be a regular file we own with one link; one that is group- or
 *   other-writable is refused (someone else may have written to it, or may still); one that
 *   others can only read is tightened to 0600. (Tightening cannot take back a descriptor someone
 *   opened while it was readable; files PortLens created were never readable by others.)
 *
 * On Windows there are no uids or mode bits to check (ACLs inherited from the profile keep
 * `%APPDATA%` private), and no O_NOFOLLOW: links are refused by an lstat before opening.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { userName } from './owners/user-names.js';

/** What is wrong with a path PortLens was about to write. */
export type PrivateFileProblem =
  'symlink' | 'not-a-directory' | 'not-a-file' | 'other-owner' | 'writable-by-others' | 'hard-linked';

/** A file or directory PortLens refuses to write, because someone else controls or can change it. */
export class PrivateFileError extends Error {
  override readonly name = 'PrivateFileError';
  constructor(
    readonly problem: PrivateFileProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
/** 0 where the flag does not exist (Windows): callers fall back to an lstat first. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** A FIFO planted at the path must not block the open until someone reads it. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOCTTY = constants.O_NOCTTY ?? 0;

/** Our uid, or null where there are none (Windows): ownership and modes are not checked there. */
function selfUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/**
 * Makes `dir` exist as a private directory: every missing directory (up to and above `root`)
 * is created 0700, and each directory from `root` down to `dir` must be one we own, which is
 * tightened to 0700 if it is more open. `root` is where PortLens's own tree starts (the data
 * directory); directories above it that already exist (a home directory) are left alone.
 * Throws PrivateFileError for one someone else owns, or an fs error when it cannot be created.
 */
export function ensurePrivateDir(dir: string, root: string = dir): void {
  const target = resolve(dir);
  const top = resolve(root);
  if (target !== top && !target.startsWith(top.endsWith(sep) ? top : top + sep))
    throw new Error(`${dir} is not inside ${root}`);
  createMissing(target);
  for (const level of levelsFrom(top, target)) checkDir(level, selfUid());
}

/**
 * Opens `file` to append to (O_APPEND, created 0600, links not followed), after making its
 * directory private (see `ensurePrivateDir`; `root` as there). Returns the descriptor, which
 * the caller closes. Throws PrivateFileError for a file that is not a regular file, not ours,
 * hard-linked elsewhere or writable by others.
 */
export function openPrivateAppend(file: string, root: string = dirname(file)): number {
  ensurePrivateDir(dirname(file), root);
  if (O_NOFOLLOW === 0) refuseUnsafe(file, lstatOrNull(file), selfUid());
  let fd: number;
  try {
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY,
      FILE_MODE,
    );
  } catch (error) {
    // ELOOP (EMLINK on FreeBSD) for a link; EISDIR, ENXIO (a FIFO nobody reads) for other kinds.
    refuseUnsafe(file, lstatOrNull(file), selfUid());
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    const uid = selfUid();
    refuseUnsafeStats(file, stats, uid);
    if (uid !== null && (stats.mode & 0o7777) !== FILE_MODE) fchmodSync(fd, FILE_MODE);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * What `openPrivateAppend` would refuse, found without creating the file: makes its directory
 * private and throws PrivateFileError if the file exists and is unsafe to write. For checks
 * made before something irreversible (stopping a service whose output goes there).
 */
export function checkPrivateFile(file: string, root: string = dirname(file)): void {
  ensurePrivateDir(dirname(file), root);
  refuseUnsafe(file, lstatOrNull(file), selfUid());
}

/**
 * Replaces `file` with `data` atomically: written to a new temp file beside it (random name,
 * O_EXCL and O_NOFOLLOW, so nothing planted there is followed or reused, 0600), flushed to
 * disk, then renamed over `file`; the directory is flushed after. A crash at any point leaves
 * the old file or the new one, never a mix; on failure the temp file is removed.
 */
export function writePrivateFileAtomic(
  file: string,
  data: string | Uint8Array,
  root: string = dirname(file),
): void {
  ensurePrivateDir(dirname(file), root);
  replaceFileAtomic(file, data);
}

/**
 * The atomic replacement of `writePrivateFileAtomic` (a 0600 file, never a mix of old and new),
 * in a directory the caller has already made or checked: for files that belong in a directory
 * PortLens does not own, such as the desktop's autostart directory, which it must not tighten.
 */
export function replaceFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = dirname(file);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = join(dir, `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | null = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
    FILE_MODE,
  );
  let renamed = false;
  try {
    if (selfUid() !== null) fchmodSync(fd, FILE_MODE); // the umask may have removed our own bits
    for (let offset = 0; offset < bytes.length;)
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, file);
    renamed = true;
  } finally {
    if (!renamed) {
      if (fd !== null) closeSync(fd);
      try {
        unlinkSync(temp);
      } catch {
        // Already gone; the original error is what matters.
      }
    }
  }
  syncDir(dir);
}

/** Flushes a directory's entries (the rename) to disk; Windows cannot open a directory so. */
function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems refuse fsync on a directory; the rename stands.
  } finally {
    closeSync(fd);
  }
}

/** Creates each missing directory down to `target`, 0700 whatever the umask. */
function createMissing(target: string): void {
  const missing: string[] = [];
  for (let path = target; lstatOrNull(path) === null;) {
    missing.unshift(path);
    const parent = dirname(path);
    if (parent === path) break;
    path = parent;
  }
  for (const path of missing) {
    try {
      mkdirSync(path, DIR_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // raced: checked below
      throw error;
    }
    if (selfUid() !== null) chmodSync(path, DIR_MODE);
  }
}

/** `top`, then each directory below it down to `target`. */
function levelsFrom(top: string, target: string): string[] {
  const levels = [top];
  const rest = target.slice(top.length).split(sep).filter(Boolean);
  for (const name of rest) levels.push(join(levels[levels.length - 1] as string, name));
  return levels;
}

function checkDir(path: string, uid: number | null): void {
  const link = lstatSync(path);
  let stats: Stats = link;
  if (link.isSymbolicLink()) {
    if (uid !== null && link.uid !== uid)
      throw new PrivateFileError(
        'symlink',
        path,
        `${path} is a symbolic link owned by ${who(link.uid)}, not by you (${who(uid)}): PortLens keeps its settings and logs private and does not follow links someone else made. Remove the link (look at where it points first), or set PORTLENS_DATA_DIR to a directory of your own.`,
      );
    stats = statSync(path);
  }
  if (!stats.isDirectory())
    throw new PrivateFileError(
      'not-a-directory',
      path,
      `${path} is not a directory (${kindOf(stats)}); PortLens needs a directory there for its settings and logs. Move it away, or set PORTLENS_DATA_DIR to another directory.`,
    );
  if (uid === null) return;
  if (stats.uid !== uid)
    throw new PrivateFileError(
      'other-owner',
      path,
      `the directory ${path} is owned by ${who(stats.uid)}, not by you (${who(uid)}): PortLens keeps its settings and logs private and will not use a directory someone else controls. Remove it, or set PORTLENS_DATA_DIR to a directory of your own${uid === 0 ? " (with sudo, use sudo -H so HOME is root's)" : ''}.`,
    );
  if ((stats.mode & 0o7777) !== DIR_MODE) chmodSync(path, DIR_MODE);
}

/** Throws if an existing path (its lstat) is not a file PortLens may write; null = absent. */
function refuseUnsafe(file: string, stats: Stats | null, uid: number | null): void {
  if (stats === null) return;
  if (stats.isSymbolicLink())
    throw new PrivateFileError(
      'symlink',
      file,
      `${file} is a symbolic link; PortLens does not follow links for files it writes (another user may have planted it to read or redirect what is written). Remove it (look at where it points first) and try again.`,
    );
  refuseUnsafeStats(file, stats, uid);
}

function refuseUnsafeStats(file: string, stats: Stats, uid: number | null): void {
  if (!stats.isFile())
    throw new PrivateFileError(
      'not-a-file',
      file,
      `${file} is not a regular file (${kindOf(stats)}); PortLens will not write its output there. Remove it and try again.`,
    );
  if (uid === null) return;
  if (stats.uid !== uid)
    throw new PrivateFileError(
      'other-owner',
      file,
      `${file} is owned by ${who(stats.uid)}, not by you (${who(uid)}): someone else may have created it to read what PortLens writes there (the command line, which may hold secrets, and the service's output). Remove it and try again.`,
    );
  if (stats.nlink > 1)
    throw new PrivateFileError(
      'hard-linked',
      file,
      `${file} has ${stats.nlink} hard links: writing to it would also change the other names of the same file. Remove it and try again.`,
    );
  if (stats.mode & 0o022)
    throw new PrivateFileError(
      'writable-by-others',
      file,
      `${file} can be written by other users (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}): someone else may have written to it or hold it open. Remove it (or \`chmod 600\` it if you made it so) and try again.`,
    );
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function who(uid: number): string {
  const name = userName(uid);
  return name === String(uid) ? `uid ${uid}` : `${name} (uid ${uid})`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}
