/**
 * Socket owners for one-shot callers (`portlens list`, `who`, the actions' checks): every fd
 * table read once, with nothing kept. A fresh process has no index to reuse, so OwnerResolver's
 * bookkeeping (per-fd tables, probes, stamps) would only cost time and memory. Answers have
 * OwnerResolver's meaning: `permission` when some table was unreadable, `not-found` when none was.
 *
 * The read happens right after the socket dump. Measured and left out, on the 2-vCPU benchmark
 * VM: splitting the read over two threads (the kernel's /proc lookups scale only 1.4×), and
 * reading on a worker thread while the main thread dumps (the thread's start-up, ~3,000 page
 * faults at ~15 µs each, cost more than the overlap saved: 534 vs 511 ms at 20,000 sockets).
 */
import type { InodeOwners } from '../owners/owner-resolver.js';
import { readOwnerPairs, type OwnerPairs } from './owner-pairs.js';

/** Answers by inode: what the snapshot pipeline reads of a resolve call. */
export interface OwnerAnswers {
  get(inode: number): InodeOwners | undefined;
}

/** What one scan found. */
export interface OwnerScan extends OwnerAnswers {
  /** Processes listed in /proc. */
  readonly processes: number;
  /** Of those, the ones whose fd table could not be read. */
  readonly deniedProcesses: number;
}

const PERMISSION: InodeOwners = Object.freeze({ reason: 'permission' as const });
const NOT_FOUND: InodeOwners = Object.freeze({ reason: 'not-found' as const });

/** An OwnerLookup for one snapshot: the first resolve call reads every fd table. */
export class OneShotOwners {
  #scan: OwnerScan | null = null;

  /** Owners of any inode (the argument is not needed: everything is read). */
  resolve(): OwnerScan {
    this.#scan ??= scanAllOwners();
    return this.#scan;
  }
}

/** Reads every process's fd table and answers for every socket inode found. */
export function scanAllOwners(): OwnerScan {
  return answerOwners(readOwnerPairs());
}

/**
 * Pairs are sorted as packed doubles, inode × 2^18 + position, while that is exact (up to 2^18
 * pairs and inodes below 2^35; socket inodes are 32-bit); otherwise by comparator.
 */
const POSITION_BITS = 2 ** 18;
const PACKABLE_INODE = 2 ** 35;

/**
 * Answers for every inode of `pairs`, looked up by binary search in the pairs sorted by inode:
 * no hash map of 20,000 entries to build (and grow, and collect). Most sockets have a single
 * owner; those share one frozen answer per pid, as OwnerResolver's do (the pipeline relies on
 * that to skip repeats). A socket with several owners gets its pids sorted.
 */
export function answerOwners(pairs: OwnerPairs): OwnerScan {
  const { inodes, pids } = sortedByInode(pairs);
  const single = new Map<number, InodeOwners>();
  const shared = new Map<number, InodeOwners>();
  const missing = pairs.deniedProcesses > 0 ? PERMISSION : NOT_FOUND;
  // A process's sockets mostly have neighbouring inodes: remember the last single owner.
  let lastPid = -1;
  let lastAnswer: InodeOwners = missing;
  const get = (inode: number): InodeOwners => {
    let low = 0;
    let high = inodes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((inodes[middle] as number) < inode) low = middle + 1;
      else high = middle;
    }
    if (low === inodes.length || inodes[low] !== inode) return missing;
    const pid = pids[low] as number;
    if (low + 1 === inodes.length || inodes[low + 1] !== inode) {
      if (pid === lastPid) return lastAnswer;
      let answer = single.get(pid);
      if (!answer) single.set(pid, (answer = Object.freeze({ pids: Object.freeze([pid]) as number[] })));
      lastPid = pid;
      lastAnswer = answer;
      return answer;
    }
    let answer = shared.get(inode);
    if (!answer) {
      const owners = new Set<number>();
      for (let i = low; i < inodes.length && inodes[i] === inode; i++) owners.add(pids[i] as number);
      answer = Object.freeze({ pids: Object.freeze([...owners].sort((a, b) => a - b)) as number[] });
      shared.set(inode, answer);
    }
    return answer;
  };
  return { processes: pairs.processes, deniedProcesses: pairs.deniedProcesses, get };
}

/** The pairs ordered by inode. */
function sortedByInode(pairs: OwnerPairs): { inodes: Float64Array; pids: Int32Array } {
  const count = pairs.inodes.length;
  const inodes = new Float64Array(count);
  const pids = new Int32Array(count);
  let largest = 0;
  for (let i = 0; i < count; i++) largest = Math.max(largest, pairs.inodes[i] as number);
  if (count <= POSITION_BITS && largest < PACKABLE_INODE) {
    const packed = new Float64Array(count);
    for (let i = 0; i < count; i++) packed[i] = (pairs.inodes[i] as number) * POSITION_BITS + i;
    packed.sort();
    for (let i = 0; i < count; i++) {
      const position = (packed[i] as number) % POSITION_BITS;
      inodes[i] = pairs.inodes[position] as number;
      pids[i] = pairs.pids[position] as number;
    }
  } else {
    const positions = Array.from({ length: count }, (_, i) => i);
    positions.sort((a, b) => (pairs.inodes[a] as number) - (pairs.inodes[b] as number));
    positions.forEach((position, i) => {
      inodes[i] = pairs.inodes[position] as number;
      pids[i] = pairs.pids[position] as number;
    });
  }
  return { inodes, pids };
}
