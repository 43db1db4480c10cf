/**
 * The data behind OwnerResolver: what each process's fd table held when last read, and the
 * inode → owners index derived from it, kept consistent fd by fd. Also the three ways to read
 * a table: whole (new processes, full rescans), probe and sweep (searches; the order and the
 * reasoning are in owner-resolver.ts).
 */
import { readdirSync } from 'node:fs';
import { openFdLinks, type FdLinks } from './fd-links.js';
import { procFailureOf } from './proc-files.js';

/** What is known of one process's fd table. */
export interface FdTable {
  /** fd number → socket inode (0: not a socket); null when the table is unreadable. */
  fds: Map<number, number> | null;
  /** Inodes this process holds on more than one fd → the number of extra fds. */
  dups: Map<number, number>;
  /** Number of fds holding a socket. */
  socketFds: number;
  /** Highest fd number seen (an upper bound between sweeps). */
  maxFd: number;
  /** Call number of the last /proc listing that showed this process. */
  listedIn: number;
  /** Call number of the last time it owned a requested inode. */
  activeIn: number;
}

/** An inode's owners (frozen: handed to callers as is) and the last call that asked for it. */
export interface OwnerRecord {
  owners: { pids: number[] };
  /**
   * The last call that asked for this inode and searched or rebuilt (steady calls do not stamp);
   * 0: never (a unix or netlink socket, most likely). The probe reads that a stamped socket
   * not asked for now was closed.
   */
  requestedIn: number;
}

/** What the probe read of a table, so the sweep reads only the rest. */
export interface ProbeMark {
  /** Per fd up to `maxFd`: 1 when the probe skipped it, else probed (if below `stopAt`). */
  kind: Uint8Array;
  maxFd: number;
  /** The probe read no fd at or above this number. */
  stopAt: number;
}

const GONE = -1;
const DENIED = -2;
/** Above the highest known fd, the probe stops after this many free numbers in a row. */
const FREE_RUN_LIMIT = 4;
/** Below it, the probe gives up (leaving the rest to the sweep) after this many closed fds. */
const CLOSED_LIMIT = 64;
/** Tables with more free slots than this many times their fds are swept, not probed. */
const SPARSE_FACTOR = 4;

/** fd tables by pid and the inode → owners index. */
export class FdIndex {
  readonly tables = new Map<number, FdTable>();
  readonly #records = new Map<number, OwnerRecord>();
  /** One shared `{ pids: [pid] }` per pid: most sockets have a single owner. */
  readonly #singleOwners = new Map<number, { pids: number[] }>();
  /** Live processes whose fd table is unreadable. */
  unreadable = 0;
  /** The resolver's call number: stamps what the current call touched. */
  call = 0;
  /** Work done in the current call (the resolver resets these). */
  dirsRead = 0;
  linksRead = 0;

  /** The owners of `inode`, when an indexed process holds it. */
  record(inode: number): OwnerRecord | undefined {
    return this.#records.get(inode);
  }

  /** Forgets everything (before a full rescan). */
  clear(): void {
    this.tables.clear();
    this.#records.clear();
    this.#singleOwners.clear();
    this.unreadable = 0;
  }

  /** Reads every fd of a process not in the index yet; deletes found inodes from `wanted`. */
  readNew(pid: number, wanted: Set<number> | null): void {
    const names = this.#list(pid);
    if (names === 'gone') return;
    const table: FdTable = {
      fds: new Map(),
      dups: new Map(),
      socketFds: 0,
      maxFd: -1,
      listedIn: this.call,
      activeIn: 0,
    };
    this.tables.set(pid, table);
    if (names === 'denied') return this.#setUnreadable(pid, table);
    if (names.length === 0) return;
    const links = this.#open(pid);
    if (links === GONE) return;
    if (links === DENIED) return this.#setUnreadable(pid, table);
    try {
      for (const name of names) {
        const inode = this.#readFd(links, name);
        if (inode === DENIED) return this.#setUnreadable(pid, table);
        if (inode === GONE) continue;
        this.#setFd(pid, table, fdFromName(name), inode);
        if (inode !== 0 && wanted !== null) wanted.delete(inode);
      }
    } finally {
      links.close();
    }
  }

  /**
   * Probe pass: without listing the directory, reads (lowest first) the fd numbers that were
   * free at the last read and the fds whose socket was asked for before but not in this call
   * (closed: the number may be reused), then the numbers above the highest known fd until
   * FREE_RUN_LIMIT in a row are free. Returns what it read when the table still needs a
   * sweep, or null when done with it.
   */
  probe(pid: number, table: FdTable, wanted: Set<number>): ProbeMark | null {
    const fds = table.fds;
    if (fds === null) return null;
    const maxFd = table.maxFd;
    if (maxFd > SPARSE_FACTOR * fds.size + 1024) return { kind: new Uint8Array(0), maxFd: -1, stopAt: 0 };
    // 0: worth probing — free when last seen, a socket on several fds, or a socket asked for
    // before but not now. 1: left to the sweep — files and sockets never asked for (unix,
    // netlink) rarely turn into new ones; sockets asked for in this call are still open.
    const kind = new Uint8Array(maxFd + 1);
    for (const [fd, inode] of fds) {
      let stable = true;
      if (inode !== 0) {
        if (table.dups.has(inode)) stable = false;
        else {
          const requestedIn = this.#records.get(inode)?.requestedIn ?? 0;
          stable = requestedIn === 0 || requestedIn === this.call;
        }
      }
      if (stable) kind[fd] = 1;
    }
    const links = this.#open(pid);
    if (links === GONE) {
      this.forget(pid, table); // exited since the listing
      return null;
    }
    if (links === DENIED) {
      this.#setUnreadable(pid, table);
      return null;
    }
    try {
      return this.#probeLinks(pid, table, wanted, kind, links);
    } finally {
      links.close();
    }
  }

  /** The probe's reads, through the open directory (see `probe`). */
  #probeLinks(pid: number, table: FdTable, wanted: Set<number>, kind: Uint8Array, links: FdLinks): ProbeMark | null {
    const maxFd = table.maxFd;
    let closed = 0;
    let freeRun = 0;
    let fd = 0;
    for (; wanted.size > 0; fd++) {
      if (fd <= maxFd) {
        if (kind[fd] === 1) continue;
        if (closed >= CLOSED_LIMIT) break;
      } else if (freeRun >= FREE_RUN_LIMIT) break;
      const inode = this.#readFd(links, String(fd));
      if (inode === DENIED) {
        this.#setUnreadable(pid, table);
        return null;
      }
      if (inode === GONE) {
        this.#closeFd(pid, table, fd);
        if (fd <= maxFd) closed++;
        else freeRun++;
        continue;
      }
      freeRun = 0;
      this.#setFd(pid, table, fd, inode);
      if (inode !== 0) wanted.delete(inode);
    }
    return wanted.size > 0 ? { kind, maxFd, stopAt: fd } : null;
  }

  /** Sweep pass: lists the table, reads every fd the probe did not, and drops closed fds. */
  sweep(pid: number, table: FdTable, mark: ProbeMark, wanted: Set<number>): void {
    const names = this.#list(pid);
    if (names === 'gone') return this.forget(pid, table);
    if (names === 'denied') return this.#setUnreadable(pid, table);
    const links = this.#open(pid);
    if (links === GONE) return this.forget(pid, table);
    if (links === DENIED) return this.#setUnreadable(pid, table);
    const open = new Set<number>();
    let maxFd = -1;
    try {
      for (const name of names) {
        const fd = fdFromName(name);
        open.add(fd);
        if (fd > maxFd) maxFd = fd;
        const probed = fd < mark.stopAt && (fd > mark.maxFd || mark.kind[fd] !== 1);
        if (probed || wanted.size === 0) continue;
        const inode = this.#readFd(links, name);
        if (inode === DENIED) return this.#setUnreadable(pid, table);
        if (inode === GONE) continue;
        this.#setFd(pid, table, fd, inode);
        if (inode !== 0) wanted.delete(inode);
      }
    } finally {
      links.close();
    }
    for (const fd of [...(table.fds?.keys() ?? [])]) if (!open.has(fd)) this.#closeFd(pid, table, fd);
    table.maxFd = maxFd;
  }

  /** Drops a process that exited, and its sockets. */
  forget(pid: number, table: FdTable): void {
    if (table.fds === null) this.unreadable--;
    else for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    this.tables.delete(pid);
    this.#singleOwners.delete(pid);
  }

  /** readdir of /proc/<pid>/fd. */
  #list(pid: number): string[] | 'gone' | 'denied' {
    try {
      const names = readdirSync(`/proc/${pid}/fd`);
      this.dirsRead++;
      return names;
    } catch (error) {
      const failure = procFailureOf(error);
      if (failure === null) throw error;
      return failure === 'gone' ? 'gone' : 'denied';
    }
  }

  /** The fd directory, opened for reading links (see fd-links.ts). */
  #open(pid: number): FdLinks | typeof GONE | typeof DENIED {
    const links = openFdLinks(pid);
    if (links === 'gone') return GONE;
    if (links === 'denied') return DENIED;
    return links;
  }

  /**
   * One fd's link: its socket inode, 0 for anything else, GONE (closed or exited), or DENIED —
   * a directory can be listable while its links are not (a target holding capabilities we
   * lack fails the ptrace check on readlink, even for root).
   */
  #readFd(links: FdLinks, name: string): number {
    this.linksRead++;
    const inode = links.inodeOf(name);
    return inode === 'gone' ? GONE : inode === 'denied' ? DENIED : inode;
  }

  /** Records that `fd` holds `inode` (0: not a socket), updating the index. */
  #setFd(pid: number, table: FdTable, fd: number, inode: number): void {
    const fds = table.fds as Map<number, number>;
    const old = fds.get(fd);
    if (old === inode) return;
    if (old !== undefined && old !== 0) {
      table.socketFds--;
      this.#release(pid, table, old);
    }
    fds.set(fd, inode);
    if (fd > table.maxFd) table.maxFd = fd;
    if (inode === 0) return;
    table.socketFds++;
    const record = this.#records.get(inode);
    if (!record) this.#records.set(inode, { owners: this.#owners([pid]), requestedIn: 0 });
    else if (record.owners.pids.includes(pid)) table.dups.set(inode, (table.dups.get(inode) ?? 0) + 1);
    else record.owners = this.#owners([...record.owners.pids, pid].sort((a, b) => a - b));
  }

  #closeFd(pid: number, table: FdTable, fd: number): void {
    const old = table.fds?.get(fd);
    if (old === undefined) return;
    table.fds?.delete(fd);
    if (old === 0) return;
    table.socketFds--;
    this.#release(pid, table, old);
  }

  /** One fd of `pid` no longer holds `inode`: drop the owner unless another fd still does. */
  #release(pid: number, table: FdTable, inode: number): void {
    const extra = table.dups.get(inode);
    if (extra === undefined) return this.#removeOwner(inode, pid);
    if (extra > 1) table.dups.set(inode, extra - 1);
    else table.dups.delete(inode);
  }

  #removeOwner(inode: number, pid: number): void {
    const record = this.#records.get(inode);
    if (!record || !record.owners.pids.includes(pid)) return;
    const rest = record.owners.pids.filter((other) => other !== pid);
    if (rest.length === 0) this.#records.delete(inode);
    else record.owners = this.#owners(rest);
  }

  /** Owners as a frozen value (callers get it as is); single owners are shared per pid. */
  #owners(pids: number[]): { pids: number[] } {
    if (pids.length !== 1) return Object.freeze({ pids: Object.freeze(pids) as number[] });
    const pid = pids[0] as number;
    let owners = this.#singleOwners.get(pid);
    if (!owners) {
      owners = Object.freeze({ pids: Object.freeze(pids) as number[] });
      this.#singleOwners.set(pid, owners);
    }
    return owners;
  }

  /** The table became unreadable (e.g. its process exec'd a setuid program): forget its sockets. */
  #setUnreadable(pid: number, table: FdTable): void {
    if (table.fds === null) return;
    for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    table.fds = null;
    table.dups.clear();
    table.socketFds = 0;
    this.unreadable++;
  }
}

/** An fd directory entry name as a number (fd 0 included). */
function fdFromName(name: string): number {
  let value = 0;
  for (let i = 0; i < name.length; i++) value = value * 10 + (name.charCodeAt(i) - 48);
  return value;
}

const CHAR_S = 115;
const CHAR_CLOSE_BRACKET = 93;
const SOCKET_PREFIX = 'socket:[';

/** The inode of a `socket:[12345]` link target, or 0 for any other target. Allocates nothing. */
export function socketInode(target: string): number {
  if (target.charCodeAt(0) !== CHAR_S || !target.startsWith(SOCKET_PREFIX)) return 0;
  let value = 0;
  for (let i = SOCKET_PREFIX.length; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code === CHAR_CLOSE_BRACKET)
      return i > SOCKET_PREFIX.length && Number.isSafeInteger(value) ? value : 0;
    const digit = code - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return 0;
}
