/**
 * Every (socket inode, pid) pair on the machine, read from every process's fd table, in two
 * typed arrays: the form a worker thread can hand over without copying (one-shot scans run
 * on a worker while the main thread dumps sockets) and that costs no object per socket.
 */
import { readdirSync } from 'node:fs';
import { readSocketInodes, type TableRead } from '../owners/fd-links.js';
import { pidFromName } from '../owners/proc-files.js';

/** What one read of every fd table found. */
export interface OwnerPairs {
  /** Socket inode of pair i (a socket held by several processes has one pair per process). */
  readonly inodes: Float64Array;
  /** Pid of pair i. */
  readonly pids: Int32Array;
  /** Processes listed in /proc. */
  readonly processes: number;
  /** Of those, the ones whose fd table could not be read. */
  readonly deniedProcesses: number;
}

const FIRST_CAPACITY = 1024;

/**
 * Reads every process's fd table. Vanished processes and fds are skipped (a table counts whole
 * or not at all); other errors (EMFILE, EIO) are thrown.
 */
export function readOwnerPairs(): OwnerPairs {
  const pairs = new PairList();
  let processes = 0;
  let denied = 0;
  for (const name of readdirSync('/proc')) {
    const pid = pidFromName(name);
    if (Number.isNaN(pid)) continue;
    processes++;
    if (readTable(pid, pairs) === 'denied') denied++;
  }
  return { ...pairs.finish(), processes, deniedProcesses: denied };
}

/** Appends one process's pairs; a table that was gone or unreadable adds none. */
function readTable(pid: number, pairs: PairList): TableRead {
  const mark = pairs.length;
  const read = readSocketInodes(pid, (inode) => pairs.push(inode, pid));
  if (read !== 'read') pairs.truncate(mark);
  return read;
}

/** Growable pair arrays. */
class PairList {
  #inodes = new Float64Array(FIRST_CAPACITY);
  #pids = new Int32Array(FIRST_CAPACITY);
  length = 0;

  push(inode: number, pid: number): void {
    if (this.length === this.#inodes.length) this.#grow();
    this.#inodes[this.length] = inode;
    this.#pids[this.length++] = pid;
  }

  truncate(length: number): void {
    this.length = length;
  }

  /** The pairs in arrays of their own (transferable: no other pairs share their buffers). */
  finish(): { inodes: Float64Array; pids: Int32Array } {
    return { inodes: this.#inodes.slice(0, this.length), pids: this.#pids.slice(0, this.length) };
  }

  #grow(): void {
    const inodes = new Float64Array(this.#inodes.length * 2);
    inodes.set(this.#inodes);
    const pids = new Int32Array(this.#pids.length * 2);
    pids.set(this.#pids);
    this.#inodes = inodes;
    this.#pids = pids;
  }
}
