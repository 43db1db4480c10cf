/**
 * Socket owners for one-shot callers (`portlens list`, `who`, the actions' checks): every fd
 * table read once, right after the socket dump, with nothing kept. A fresh process has no
 * index to reuse, so OwnerResolver's bookkeeping (per-fd tables, probes, stamps) would only
 * cost time and memory. Answers have OwnerResolver's meaning: `permission` when some table
 * was unreadable, `not-found` when none was.
 *
 * Measured and left out: reading half the tables on a worker thread. On the 2-vCPU benchmark
 * machine the thread's start-up and the kernel's contention on /proc ate the gain.
 */
import { readdirSync } from 'node:fs';
import { openFdLinks, type FdLinks } from './fd-links.js';
import type { InodeOwners } from './owner-resolver.js';
import { pidFromName, procFailureOf } from './proc-files.js';

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

/** An OwnerLookup for one snapshot: the first resolve call scans every fd table. */
export class OneShotOwners {
  #scan: OwnerScan | null = null;

  /** Owners of any inode (the argument is not needed: everything is read). */
  resolve(): OwnerAnswers {
    this.#scan ??= scanAllOwners();
    return this.#scan;
  }
}

/**
 * Reads every process's fd table and answers for every socket inode found. Most sockets have
 * a single owner; those share one frozen answer per pid, as OwnerResolver's do (the pipeline
 * relies on that to skip repeats). Vanished processes and fds are skipped; other errors
 * (EMFILE, EIO) are thrown.
 */
export function scanAllOwners(): OwnerScan {
  const single = new Map<number, InodeOwners>();
  const answers = new Map<number, InodeOwners>();
  let processes = 0;
  let denied = 0;
  const add = (pid: number, inode: number): void => {
    const known = answers.get(inode);
    if (known === undefined) {
      let answer = single.get(pid);
      if (!answer) single.set(pid, (answer = Object.freeze({ pids: Object.freeze([pid]) as number[] })));
      answers.set(inode, answer);
    } else if ('pids' in known && !known.pids.includes(pid)) {
      answers.set(inode, Object.freeze({ pids: Object.freeze([...known.pids, pid].sort((a, b) => a - b)) as number[] }));
    }
  };
  for (const name of readdirSync('/proc')) {
    const pid = pidFromName(name);
    if (Number.isNaN(pid)) continue;
    processes++;
    const found = readTable(pid);
    if (found === 'denied') denied++;
    else if (found !== 'gone') for (let i = 0; i < found.length; i++) add(pid, found[i] as number);
  }
  const missing = denied > 0 ? PERMISSION : NOT_FOUND;
  return { processes, deniedProcesses: denied, get: (inode) => answers.get(inode) ?? missing };
}

/** The socket inodes one process holds (a table counts whole or not at all). */
function readTable(pid: number): number[] | 'gone' | 'denied' {
  let names: string[];
  try {
    names = readdirSync(`/proc/${pid}/fd`);
  } catch (error) {
    const failure = procFailureOf(error);
    if (failure === null) throw error;
    return failure === 'gone' ? 'gone' : 'denied';
  }
  if (names.length === 0) return []; // kernel threads: nothing to open
  const links = openFdLinks(pid);
  if (typeof links === 'string') return links;
  try {
    return readLinks(links, names);
  } finally {
    links.close();
  }
}

function readLinks(links: FdLinks, names: string[]): number[] | 'denied' {
  const inodes: number[] = [];
  for (const name of names) {
    const inode = links.inodeOf(name);
    if (inode === 'gone') continue; // that fd closed meanwhile
    // A listable table whose links are not readable (ptrace check, even for root).
    if (inode === 'denied') return 'denied';
    if (inode !== 0) inodes.push(inode);
  }
  return inodes;
}
