/**
 * One recorder per data directory: the app and `portlens serve` may both run a monitor, and
 * both would record every port event. The one holding an exclusive flock(2) on
 * `history/writer.lock` records; the kernel releases it when its holder exits however it ends
 * (kill -9 included), and another monitor takes over at its next try. Without flock (no koffi,
 * another OS) every monitor records, which at worst duplicates events.
 */
import { closeSync } from 'node:fs';
import { join } from 'node:path';
import { bindLibc } from '../koffi.js';
import { openPrivateAppend } from '../private-files.js';
import { ensureHistoryDir } from './history-store.js';

const LOCK_EX = 2;
const LOCK_NB = 4;

type Flock = (fd: number, operation: number) => number;
let flock: Flock | null | undefined;

function flockFunction(): Flock | null {
  if (flock === undefined) {
    flock = bindLibc(({ libc }) => {
      const call = libc.func('int flock(int fd, int operation)') as (fd: number, operation: number) => number;
      return (fd: number, operation: number) => call(fd, operation);
    });
  }
  return flock;
}

/** A held lease; `release` lets the next monitor take it. */
export interface WriterLease {
  /** False when flock is unavailable and this writer records without one. */
  readonly exclusive: boolean;
  release(): void;
}

/**
 * Takes the writer lease of history directory `dir` (inside data directory `root`), or returns
 * null when another process holds it.
 */
export function tryWriterLease(dir: string, root: string): WriterLease | null {
  ensureHistoryDir(dir, root);
  const fd = openPrivateAppend(join(dir, 'writer.lock'), root);
  const lock = flockFunction();
  if (!lock) return { exclusive: false, release: () => closeSync(fd) };
  if (lock(fd, LOCK_EX | LOCK_NB) !== 0) {
    closeSync(fd);
    return null;
  }
  let held = true;
  return {
    exclusive: true,
    release() {
      if (held) closeSync(fd); // closing the descriptor drops the lock
      held = false;
    },
  };
}
