/**
 * Socket inode → owning pids. The kernel does not say who owns a socket; `ss -p`, `netstat -p`
 * and `lsof` find out by reading every /proc/<pid>/fd/* link on every call (a readlink costs
 * microseconds: 20,000 sockets ≈ 100–200 ms). This resolver reads them once and then keeps an
 * inode → pids index current with as little reading as possible.
 *
 * Cache policy (per `resolve` call):
 * - The /proc listing is read every call (one readdir): processes that exited are dropped;
 *   processes new since the last call get their fd table read (they are usually forks sharing
 *   their parent's sockets), at most `newProcessScanLimit` per call.
 * - Indexed inodes are trusted, not re-verified: a socket's inode is unique while it lives, so
 *   a live indexed owner still holds it unless it passed the fd on (SCM_RIGHTS) and closed its
 *   copy. The periodic full rescan corrects that and any other drift.
 * - Unknown inodes start a search, likeliest owners first — processes owning other requested
 *   sockets, then other socket owners, then the rest, newest (highest pid) first — that stops
 *   as soon as every unknown inode is found. It works in two passes:
 *   1. probe: without listing the fd directory, read only the fd numbers where a new socket
 *      most likely is: the kernel gives a new fd the LOWEST free number, so the free slots seen
 *      last time and the fds whose socket is gone (asked for before, not now: closed, maybe
 *      reused), in ascending order, then the numbers above the highest known fd — until
 *      several in a row turn out free;
 *   2. sweep: list and read the rest of each unfinished table, in the same order.
 *   An inode found nowhere is remembered as missing and not searched again until the next
 *   full rescan (new processes are still read every call). Unknown inodes right after a full
 *   rescan are missing at once: there is nowhere left to look.
 * - A full rescan rebuilds everything every `fullRescanEveryCalls` calls or after
 *   `fullRescanIntervalMs`, whichever comes first.
 * - When the requested inodes and every answer are the same as last call, the previous result
 *   Map is returned again: building a 20,000-entry Map costs more than everything else in a
 *   steady call. Results are therefore read-only (they throw on set/delete/clear).
 * Threads share their process's fd table, so only /proc/<pid>/fd is read, never tasks.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pidFromName, procFailureOf } from './proc-files.js';

/** The owners of one socket inode, or why there are none. Values are frozen and shared. */
export type InodeOwners = { pids: number[] } | { reason: 'permission' | 'not-found' };

/** Tuning for OwnerResolver; the defaults suit a poll every second or so. */
export interface OwnerResolverOptions {
  /** Full rescan after this many calls since the last one (default 20). */
  fullRescanEveryCalls?: number;
  /** Full rescan after this many ms since the last one (default 10,000). */
  fullRescanIntervalMs?: number;
  /** At most this many new processes have their fd table read per call (default 256; the rest wait). */
  newProcessScanLimit?: number;
}

/** Optional facts about the requested sockets that save work. */
export interface ResolveHints {
  /**
   * The socket's uid per inode (sock_diag and `ss -e` report it). Without root, only our own
   * uid's fd tables are readable, so another uid's new socket is reported as `permission`
   * without searching for it (the next full rescan still finds it if it was passed to us).
   */
  uidOf?: ReadonlyMap<number, number | null>;
}

/** What the last `resolve` call cost, for the benchmark and diagnostics. */
export interface OwnerScanStats {
  /** `full`: every fd table read; `incremental`: unknown inodes searched; `cached`: neither. */
  kind: 'full' | 'incremental' | 'cached';
  /** Processes listed in /proc. */
  processes: number;
  /** fd directories listed (readdir), in all. */
  dirsRead: number;
  /** fd tables visited while searching for unknown inodes (probed, or read whole if new). */
  searchedDirs: number;
  /** Of those, tables the probe could not settle, listed and read in full. */
  sweptDirs: number;
  /** fd links read (readlink), in all. */
  linksRead: number;
  /** Live processes whose fd table we may not read. */
  unreadableDirs: number;
  /** Requested inodes that were neither indexed nor known missing at the start of the call. */
  unknownInodes: number;
  /** True when the previous result Map was returned unchanged. */
  reusedResult: boolean;
  ms: number;
}

/** What the resolver knows of one process's fd table. */
interface FdTable {
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

/** An inode's owners plus the last call that asked for it. */
interface OwnerRecord {
  owners: { pids: number[] };
  requestedIn: number;
}

/** What the probe pass read of a table, so the sweep reads only the rest. */
interface ProbeMark {
  /** Per fd up to `maxFd`: 1 when skipped as certainly unchanged; else it was probed (if below `stopAt`). */
  kind: Uint8Array;
  maxFd: number;
  /** The probe read no fd at or above this number. */
  stopAt: number;
}

/** A table the probe pass could not finish. */
interface Unfinished {
  pid: number;
  table: FdTable;
  mark: ProbeMark;
}

/** The result type: a Map that refuses changes once built, because it may be handed out again. */
class ResolvedOwners extends Map<number, InodeOwners> {
  #sealed = false;
  seal(): this {
    this.#sealed = true;
    return this;
  }
  override set(inode: number, owners: InodeOwners): this {
    if (this.#sealed) throw new TypeError('OwnerResolver results are read-only');
    return super.set(inode, owners);
  }
  override delete(): boolean {
    throw new TypeError('OwnerResolver results are read-only');
  }
  override clear(): void {
    throw new TypeError('OwnerResolver results are read-only');
  }
}

const PERMISSION: InodeOwners = Object.freeze({ reason: 'permission' as const });
const NOT_FOUND: InodeOwners = Object.freeze({ reason: 'not-found' as const });
/** Placeholder answer for "no owner"; which reason applies is known only at the end of a call. */
const ABSENT: InodeOwners = Object.freeze({ reason: 'not-found' as const });
const GONE = -1;
const DENIED = -2;
/** Above the highest known fd, the probe stops after this many free numbers in a row. */
const FREE_RUN_LIMIT = 4;
/** Below it, the probe gives up (leaving the rest to the sweep) after this many closed fds. */
const CLOSED_LIMIT = 64;
/** Tables with more free slots than this many times their fds are swept, not probed. */
const SPARSE_FACTOR = 4;

/** Maps socket inodes to the pids holding them, caching between calls (see the file comment). */
export class OwnerResolver {
  readonly #everyCalls: number;
  readonly #everyMs: number;
  readonly #newLimit: number;
  readonly #tables = new Map<number, FdTable>();
  readonly #index = new Map<number, OwnerRecord>();
  /** Inodes searched for and found nowhere since the last full rescan. */
  readonly #missing = new Set<number>();
  #unreadable = 0;
  #call = 0;
  #lastFullCall = -Infinity;
  #lastFullAt = -Infinity;
  #live: number[] = [];
  #dirsRead = 0;
  #linksRead = 0;
  #lastInput: number[] = [];
  #lastAnswers: InodeOwners[] = [];
  #lastResult: ResolvedOwners | null = null;
  #stats: OwnerScanStats = {
    kind: 'cached',
    processes: 0,
    dirsRead: 0,
    searchedDirs: 0,
    sweptDirs: 0,
    linksRead: 0,
    unreadableDirs: 0,
    unknownInodes: 0,
    reusedResult: false,
    ms: 0,
  };

  constructor(options: OwnerResolverOptions = {}) {
    this.#everyCalls = Math.max(1, options.fullRescanEveryCalls ?? 20);
    this.#everyMs = Math.max(0, options.fullRescanIntervalMs ?? 10_000);
    this.#newLimit = Math.max(0, options.newProcessScanLimit ?? 256);
  }

  /** Cost of the last `resolve` call. */
  get lastScanStats(): Readonly<OwnerScanStats> {
    return this.#stats;
  }

  /** Forces the next `resolve` to rescan every fd table. */
  invalidate(): void {
    this.#lastFullCall = -Infinity;
  }

  /**
   * The owners of each inode (callers pass no 0: TIME_WAIT has no inode). `permission` means
   * the inode was found in no readable fd table while some were unreadable; `not-found` that
   * every table was readable (the socket is kernel-owned or was closed meanwhile). The Map is
   * read-only and may be the same object as last call's. Throws only on unexpected I/O errors
   * (e.g. EMFILE), never because a process vanished or was unreadable.
   */
  resolve(inodes: ReadonlySet<number> | readonly number[], hints: ResolveHints = {}): Map<number, InodeOwners> {
    const started = performance.now();
    const call = ++this.#call;
    this.#dirsRead = 0;
    this.#linksRead = 0;
    const full = call - this.#lastFullCall >= this.#everyCalls || started - this.#lastFullAt >= this.#everyMs;
    if (full) this.#rescanAll(started);
    else this.#refreshProcessList();

    const input = Array.isArray(inodes) ? (inodes as readonly number[]) : [...inodes];
    const count = input.length;
    const answers: InodeOwners[] = new Array(count);
    const unknown: number[] = [];
    for (let i = 0; i < count; i++) {
      const inode = input[i] as number;
      const record = this.#index.get(inode);
      if (record) {
        record.requestedIn = call;
        answers[i] = record.owners;
      } else {
        answers[i] = ABSENT;
        if (Number.isSafeInteger(inode) && inode > 0 && !this.#missing.has(inode)) {
          // Right after a full rescan there is nowhere left to look.
          if (full) this.#missing.add(inode);
          else unknown.push(i);
        }
      }
    }

    let searchedDirs = 0;
    let sweptDirs = 0;
    if (unknown.length > 0) {
      const search = this.#worthSearching(unknown, input, hints);
      if (search.length > 0) {
        this.#markActive(answers);
        [searchedDirs, sweptDirs] = this.#search(new Set(search.map((i) => input[i] as number)));
      }
      for (const i of search) {
        const inode = input[i] as number;
        const record = this.#index.get(inode);
        if (record) {
          record.requestedIn = call;
          answers[i] = record.owners;
        } else {
          this.#missing.add(inode);
        }
      }
    }

    const reason = this.#unreadable > 0 ? PERMISSION : NOT_FOUND;
    for (let i = 0; i < count; i++) if (answers[i] === ABSENT) answers[i] = reason;
    const reused = this.#sameAsLast(input, answers);
    const result = reused && this.#lastResult ? this.#lastResult : this.#remember(input, answers);

    this.#stats = {
      kind: full ? 'full' : searchedDirs > 0 ? 'incremental' : 'cached',
      processes: this.#live.length,
      dirsRead: this.#dirsRead,
      searchedDirs,
      sweptDirs,
      linksRead: this.#linksRead,
      unreadableDirs: this.#unreadable,
      unknownInodes: unknown.length,
      reusedResult: reused,
      ms: performance.now() - started,
    };
    return result;
  }

  #sameAsLast(input: readonly number[], answers: InodeOwners[]): boolean {
    const lastInput = this.#lastInput;
    const lastAnswers = this.#lastAnswers;
    if (this.#lastResult === null || input.length !== lastInput.length) return false;
    for (let i = 0; i < input.length; i++) {
      if (input[i] !== lastInput[i] || answers[i] !== lastAnswers[i]) return false;
    }
    return true;
  }

  #remember(input: readonly number[], answers: InodeOwners[]): ResolvedOwners {
    const result = new ResolvedOwners();
    for (let i = 0; i < input.length; i++) result.set(input[i] as number, answers[i] as InodeOwners);
    this.#lastInput = input.slice();
    this.#lastAnswers = answers;
    this.#lastResult = result.seal();
    return result;
  }

  /** Positions of unknown inodes worth searching; a uid hint can show we could not see them anyway. */
  #worthSearching(unknown: number[], input: readonly number[], hints: ResolveHints): number[] {
    const euid = process.geteuid?.() ?? 0;
    if (!hints.uidOf || euid === 0 || this.#unreadable === 0) return unknown;
    return unknown.filter((i) => {
      const uid = hints.uidOf?.get(input[i] as number);
      return uid === undefined || uid === null || uid === euid;
    });
  }

  /** Marks the owners of requested, indexed inodes: the likeliest owners of new ones. */
  #markActive(answers: InodeOwners[]): void {
    let last: InodeOwners | null = null;
    for (const answer of answers) {
      if (answer === last || !('pids' in answer)) continue;
      last = answer;
      for (const pid of answer.pids) {
        const table = this.#tables.get(pid);
        if (table) table.activeIn = this.#call;
      }
    }
  }

  /** Finds the inodes in `wanted`, likeliest owners first; returns [tables visited, tables swept]. */
  #search(wanted: Set<number>): [number, number] {
    const call = this.#call;
    const rank = (pid: number): number => {
      const table = this.#tables.get(pid);
      if (!table) return 1; // new and not yet read: as likely as a known socket owner
      return table.activeIn === call ? 2 : table.socketFds > 0 ? 1 : 0;
    };
    const candidates = this.#live.filter((pid) => this.#tables.get(pid)?.fds !== null);
    const ranks = new Map<number, number>();
    for (const pid of candidates) ranks.set(pid, rank(pid));
    candidates.sort((a, b) => (ranks.get(b) ?? 0) - (ranks.get(a) ?? 0) || b - a);

    let visited = 0;
    const unfinished: Unfinished[] = [];
    for (const pid of candidates) {
      if (wanted.size === 0) return [visited, 0];
      visited++;
      const table = this.#tables.get(pid);
      if (!table) this.#readNew(pid, wanted);
      else {
        const mark = this.#probe(pid, table, wanted);
        if (mark) unfinished.push({ pid, table, mark });
      }
    }
    let swept = 0;
    for (const { pid, table, mark } of unfinished) {
      if (wanted.size === 0) break;
      if (table.fds === null || this.#tables.get(pid) !== table) continue;
      swept++;
      this.#sweep(pid, table, mark, wanted);
    }
    return [visited, swept];
  }

  /** Rebuilds the whole index from every fd table. */
  #rescanAll(now: number): void {
    this.#tables.clear();
    this.#index.clear();
    this.#missing.clear();
    this.#unreadable = 0;
    this.#live = listProcesses();
    for (const pid of this.#live) this.#readNew(pid, null);
    this.#lastFullCall = this.#call;
    this.#lastFullAt = now;
  }

  /** Drops exited processes and reads the fd tables of new ones (newest first, bounded). */
  #refreshProcessList(): void {
    const call = this.#call;
    this.#live = listProcesses();
    const fresh: number[] = [];
    for (const pid of this.#live) {
      const table = this.#tables.get(pid);
      if (table) table.listedIn = call;
      else fresh.push(pid);
    }
    for (const [pid, table] of this.#tables) if (table.listedIn !== call) this.#forget(pid, table);
    fresh.sort((a, b) => b - a);
    const count = Math.min(fresh.length, this.#newLimit);
    for (let i = 0; i < count; i++) this.#readNew(fresh[i] as number, null);
  }

  /** Reads a process not yet in the index: every fd. */
  #readNew(pid: number, wanted: Set<number> | null): void {
    const names = this.#list(pid);
    if (names === 'gone') return;
    const table: FdTable = { fds: new Map(), dups: new Map(), socketFds: 0, maxFd: -1, listedIn: this.#call, activeIn: 0 };
    this.#tables.set(pid, table);
    if (names === 'denied') return this.#setUnreadable(pid, table);
    const prefix = `/proc/${pid}/fd/`;
    for (const name of names) {
      const inode = this.#readFd(prefix, name);
      if (inode === DENIED) return this.#setUnreadable(pid, table);
      if (inode === GONE) continue;
      this.#setFd(pid, table, fdFromName(name), inode);
      if (inode !== 0 && wanted !== null) wanted.delete(inode);
    }
  }

  /**
   * Probe pass (see the file comment): reads, lowest first, the fd numbers that were free at the
   * last read and the fds whose socket was asked for before but not now (closed, maybe reused),
   * then the numbers above the highest known fd until FREE_RUN_LIMIT in a row are free.
   * Returns what it read when the table still needs a sweep, or null when done with it.
   */
  #probe(pid: number, table: FdTable, wanted: Set<number>): ProbeMark | null {
    const fds = table.fds;
    if (fds === null) return null;
    const maxFd = table.maxFd;
    if (maxFd > SPARSE_FACTOR * fds.size + 1024) return { kind: new Uint8Array(0), maxFd: -1, stopAt: 0 };
    const call = this.#call;
    // 0: worth probing — free when last seen, a socket on several fds, or a socket asked for
    // before but not now (closed: its number may be reused). 1: left to the sweep — files and
    // sockets never asked for (unix, netlink) rarely turn into new ones; live ones cannot.
    const kind = new Uint8Array(maxFd + 1);
    for (const [fd, inode] of fds) {
      let stable = true;
      if (inode !== 0) {
        if (table.dups.has(inode)) stable = false;
        else {
          const requestedIn = this.#index.get(inode)?.requestedIn ?? 0;
          stable = requestedIn === 0 || requestedIn === call;
        }
      }
      if (stable) kind[fd] = 1;
    }
    const prefix = `/proc/${pid}/fd/`;
    let closed = 0;
    let freeRun = 0;
    let fd = 0;
    for (; wanted.size > 0; fd++) {
      if (fd <= maxFd) {
        if (kind[fd] === 1) continue;
        if (closed >= CLOSED_LIMIT) break;
      } else if (freeRun >= FREE_RUN_LIMIT) break;
      const inode = this.#readFd(prefix, fd);
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

  /** Sweep pass: lists the table and reads every fd the probe did not; drops closed fds. */
  #sweep(pid: number, table: FdTable, mark: ProbeMark, wanted: Set<number>): void {
    const names = this.#list(pid);
    if (names === 'gone') return this.#forget(pid, table);
    if (names === 'denied') return this.#setUnreadable(pid, table);
    const open = new Set<number>();
    const prefix = `/proc/${pid}/fd/`;
    let maxFd = -1;
    for (const name of names) {
      const fd = fdFromName(name);
      open.add(fd);
      if (fd > maxFd) maxFd = fd;
      const probed = fd < mark.stopAt && (fd > mark.maxFd || mark.kind[fd] !== 1);
      if (probed || wanted.size === 0) continue;
      const inode = this.#readFd(prefix, name);
      if (inode === DENIED) return this.#setUnreadable(pid, table);
      if (inode === GONE) continue;
      this.#setFd(pid, table, fd, inode);
      if (inode !== 0) wanted.delete(inode);
    }
    for (const fd of [...(table.fds?.keys() ?? [])]) if (!open.has(fd)) this.#closeFd(pid, table, fd);
    table.maxFd = maxFd;
  }

  /** readdir of /proc/<pid>/fd. */
  #list(pid: number): string[] | 'gone' | 'denied' {
    try {
      const names = readdirSync(`/proc/${pid}/fd`);
      this.#dirsRead++;
      return names;
    } catch (error) {
      const failure = procFailureOf(error);
      if (failure === null) throw error;
      return failure === 'gone' ? 'gone' : 'denied';
    }
  }

  /**
   * readlink of one fd: its socket inode, 0 for anything else, GONE (closed or exited), or
   * DENIED — a directory can be listable while its links are not (a target holding
   * capabilities we lack fails the ptrace check even for root).
   */
  #readFd(prefix: string, fd: string | number): number {
    this.#linksRead++;
    let target: string;
    try {
      target = readlinkSync(prefix + fd);
    } catch (error) {
      const failure = procFailureOf(error);
      if (failure === null) throw error;
      return failure === 'gone' ? GONE : DENIED;
    }
    return socketInode(target);
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
    const record = this.#index.get(inode);
    if (!record) this.#index.set(inode, { owners: frozenOwners([pid]), requestedIn: 0 });
    else if (record.owners.pids.includes(pid)) table.dups.set(inode, (table.dups.get(inode) ?? 0) + 1);
    else record.owners = frozenOwners([...record.owners.pids, pid].sort((a, b) => a - b));
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
    if (extra !== undefined) {
      if (extra > 1) table.dups.set(inode, extra - 1);
      else table.dups.delete(inode);
      return;
    }
    this.#removeOwner(inode, pid);
  }

  #removeOwner(inode: number, pid: number): void {
    const record = this.#index.get(inode);
    if (!record || !record.owners.pids.includes(pid)) return;
    const rest = record.owners.pids.filter((other) => other !== pid);
    if (rest.length === 0) this.#index.delete(inode);
    else record.owners = frozenOwners(rest);
  }

  /** The table became unreadable (e.g. its process exec'd a setuid program): forget its sockets. */
  #setUnreadable(pid: number, table: FdTable): void {
    if (table.fds === null) return;
    for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    table.fds = null;
    table.dups.clear();
    table.socketFds = 0;
    this.#unreadable++;
  }

  #forget(pid: number, table: FdTable): void {
    if (table.fds === null) this.#unreadable--;
    else for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    this.#tables.delete(pid);
  }
}

/** Owners as a frozen value: every caller gets the same object. */
function frozenOwners(pids: number[]): { pids: number[] } {
  return Object.freeze({ pids: Object.freeze(pids) as number[] });
}

/** Every pid in /proc now. */
function listProcesses(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = pidFromName(name);
    if (!Number.isNaN(pid)) pids.push(pid);
  }
  return pids;
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
    if (code === CHAR_CLOSE_BRACKET) return i > SOCKET_PREFIX.length && Number.isSafeInteger(value) ? value : 0;
    const digit = code - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return 0;
}
