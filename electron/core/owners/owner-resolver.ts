/**
 * Socket inode → owning pids. The kernel does not say who owns a socket; `ss -p`, `netstat -p`
 * and `lsof` find out by reading every /proc/<pid>/fd/* link on every call (a readlink costs
 * microseconds: 20,000 sockets ≈ 100–200 ms). This resolver reads them once and then keeps an
 * inode → pids index current with as little reading as possible.
 *
 * Cache policy (per `resolve` call):
 * - The /proc listing is read every call (one readdir) unless no task was created or reaped
 *   since the last one (task-generation.ts: one small read instead): processes that exited are
 *   dropped; processes new since the last call get their fd table read (they are usually forks
 *   sharing their parent's sockets), at most `newProcessScanLimit` per call.
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
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sameItems } from '../../contract/same-items.js';
import { FdIndex, type FdTable, type ProbeMark } from './fd-index.js';
import { pidFromName } from './proc-files.js';
import { readTaskGeneration, type TaskGeneration, type TaskGenerationSource } from './task-generation.js';

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
  /** Where the task generation comes from (default /proc/loadavg; tests pass their own). */
  taskGeneration?: TaskGenerationSource;
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
  /** False when the listing was known unchanged (no task created or reaped) and not read again. */
  listed: boolean;
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

/** Maps socket inodes to the pids holding them, caching between calls (see the file comment). */
export class OwnerResolver {
  readonly #everyCalls: number;
  readonly #everyMs: number;
  readonly #newLimit: number;
  readonly #fds = new FdIndex();
  /** Inodes searched for and found nowhere since the last full rescan. */
  readonly #missing = new Set<number>();
  #call = 0;
  #lastFullCall = -Infinity;
  #lastFullAt = -Infinity;
  #live: number[] = [];
  readonly #generation: TaskGenerationSource;
  /** The task generation at which `#live` and the fd tables of new processes were complete. */
  #listedAt: TaskGeneration | null = null;
  #listed = false;
  #lastInput: number[] = [];
  /** Last call's answers, with ABSENT where `#lastReason` applies. */
  #lastAnswers: InodeOwners[] = [];
  #lastReason: InodeOwners = NOT_FOUND;
  #lastResult: ResolvedOwners | null = null;
  #stats: OwnerScanStats = NO_WORK;

  constructor(options: OwnerResolverOptions = {}) {
    this.#everyCalls = Math.max(1, options.fullRescanEveryCalls ?? 20);
    this.#everyMs = Math.max(0, options.fullRescanIntervalMs ?? 10_000);
    this.#newLimit = Math.max(0, options.newProcessScanLimit ?? 256);
    this.#generation = options.taskGeneration ?? readTaskGeneration;
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
  resolve(
    inodes: ReadonlySet<number> | readonly number[],
    hints: ResolveHints = {},
  ): Map<number, InodeOwners> {
    const started = performance.now();
    const call = ++this.#call;
    const fds = this.#fds;
    fds.call = call;
    fds.dirsRead = 0;
    fds.linksRead = 0;
    const full = call - this.#lastFullCall >= this.#everyCalls || started - this.#lastFullAt >= this.#everyMs;
    // Read before the listing it vouches for: a task created after this read changes the next one.
    const generation = this.#generation();
    if (full) this.#rescanAll(started, generation);
    else this.#refreshProcessList(generation);

    const input = Array.isArray(inodes) ? (inodes as readonly number[]) : [...inodes];
    const count = input.length;
    // Nothing listed, read or rebuilt, and the same inodes as last call: the same answers.
    if (!full && !this.#listed && this.#lastResult !== null && sameItems(input, this.#lastInput)) {
      this.#stats = { ...NO_WORK, processes: this.#live.length, unreadableDirs: fds.unreadable, reusedResult: true, ms: performance.now() - started };
      return this.#lastResult;
    }
    // One pass: look every inode up, and compare with the last call while nothing differs, so
    // a steady call allocates nothing and returns the last result. Answers hold ABSENT for
    // "no owner"; the reason is decided at the end.
    const lastInput = this.#lastInput;
    const lastAnswers = this.#lastAnswers;
    let same = this.#lastResult !== null && count === lastInput.length;
    let answers: InodeOwners[] | null = same ? null : new Array<InodeOwners>(count);
    const unknown: number[] = [];
    for (let i = 0; i < count; i++) {
      const inode = input[i] as number;
      const record = fds.record(inode);
      let answer = ABSENT;
      if (record) answer = record.owners;
      else if (Number.isSafeInteger(inode) && inode > 0 && !this.#missing.has(inode)) {
        // Right after a full rescan there is nowhere left to look.
        if (full) this.#missing.add(inode);
        else unknown.push(i);
      }
      if (answers === null) {
        if (inode === lastInput[i] && answer === lastAnswers[i]) continue;
        same = false;
        answers = lastAnswers.slice(0, i);
        answers.length = count;
      }
      answers[i] = answer;
    }

    // The probe needs to know which sockets were asked for in this call. Stamping 20,000
    // records costs more than the rest of a steady call, so only calls that search (or rebuild,
    // which stamps the sockets existing then) do it.
    if (full || unknown.length > 0) this.#stampRequested(input);
    let searchedDirs = 0;
    let sweptDirs = 0;
    if (unknown.length > 0) {
      answers ??= lastAnswers.slice();
      same = false;
      const search = this.#worthSearching(unknown, input, hints);
      if (search.length > 0) {
        this.#markActive(answers);
        [searchedDirs, sweptDirs] = this.#search(new Set(search.map((i) => input[i] as number)));
      }
      for (const i of search) {
        const inode = input[i] as number;
        const record = fds.record(inode);
        if (record) {
          record.requestedIn = call;
          answers[i] = record.owners;
        } else {
          this.#missing.add(inode);
        }
      }
    }

    const reason = fds.unreadable > 0 ? PERMISSION : NOT_FOUND;
    const reused = same && reason === this.#lastReason && this.#lastResult !== null;
    const result = reused
      ? (this.#lastResult as ResolvedOwners)
      : this.#remember(input, answers ?? lastAnswers, reason);

    this.#stats = {
      kind: full ? 'full' : searchedDirs > 0 ? 'incremental' : 'cached',
      processes: this.#live.length,
      listed: this.#listed,
      dirsRead: fds.dirsRead,
      searchedDirs,
      sweptDirs,
      linksRead: fds.linksRead,
      unreadableDirs: fds.unreadable,
      unknownInodes: unknown.length,
      reusedResult: reused,
      ms: performance.now() - started,
    };
    return result;
  }

  #stampRequested(input: readonly number[]): void {
    for (const inode of input) {
      const record = this.#fds.record(inode);
      if (record) record.requestedIn = this.#call;
    }
  }

  #remember(input: readonly number[], answers: InodeOwners[], reason: InodeOwners): ResolvedOwners {
    const result = new ResolvedOwners();
    for (let i = 0; i < input.length; i++) {
      const answer = answers[i] as InodeOwners;
      result.set(input[i] as number, answer === ABSENT ? reason : answer);
    }
    this.#lastInput = input.slice();
    this.#lastAnswers = answers;
    this.#lastReason = reason;
    this.#lastResult = result.seal();
    return result;
  }

  /** Positions of unknown inodes worth searching; a uid hint can show we could not see them anyway. */
  #worthSearching(unknown: number[], input: readonly number[], hints: ResolveHints): number[] {
    const euid = process.geteuid?.() ?? 0;
    if (!hints.uidOf || euid === 0 || this.#fds.unreadable === 0) return unknown;
    return unknown.filter((i) => {
      const uid = hints.uidOf?.get(input[i] as number);
      return uid === undefined || uid === null || uid === euid;
    });
  }

  /** Marks the owners of requested, indexed inodes: the likeliest owners of new ones. */
  #markActive(answers: readonly InodeOwners[]): void {
    const seen = new Set<InodeOwners>(); // owners objects are shared, so there are few
    for (const answer of answers) {
      if (seen.has(answer)) continue;
      seen.add(answer);
      if (!('pids' in answer)) continue;
      for (const pid of answer.pids) {
        const table = this.#fds.tables.get(pid);
        if (table) table.activeIn = this.#call;
      }
    }
  }

  /** Finds the inodes in `wanted`, likeliest owners first; returns [tables visited, tables swept]. */
  #search(wanted: Set<number>): [number, number] {
    const call = this.#call;
    const rank = (pid: number): number => {
      const table = this.#fds.tables.get(pid);
      if (!table) return 1; // new and not yet read: as likely as a known socket owner
      return table.activeIn === call ? 2 : table.socketFds > 0 ? 1 : 0;
    };
    const candidates = this.#live.filter((pid) => this.#fds.tables.get(pid)?.fds !== null);
    const ranks = new Map<number, number>();
    for (const pid of candidates) ranks.set(pid, rank(pid));
    candidates.sort((a, b) => (ranks.get(b) ?? 0) - (ranks.get(a) ?? 0) || b - a);

    let visited = 0;
    const unfinished: Unfinished[] = [];
    for (const pid of candidates) {
      if (wanted.size === 0) return [visited, 0];
      visited++;
      const table = this.#fds.tables.get(pid);
      if (!table) this.#fds.readNew(pid, wanted);
      else {
        const mark = this.#fds.probe(pid, table, wanted);
        if (mark) unfinished.push({ pid, table, mark });
      }
    }
    let swept = 0;
    for (const { pid, table, mark } of unfinished) {
      if (wanted.size === 0) break;
      if (table.fds === null || this.#fds.tables.get(pid) !== table) continue;
      swept++;
      this.#fds.sweep(pid, table, mark, wanted);
    }
    return [visited, swept];
  }

  /** Rebuilds the whole index from every fd table. */
  #rescanAll(now: number, generation: TaskGeneration | null): void {
    this.#fds.clear();
    this.#missing.clear();
    this.#live = listProcesses();
    for (const pid of this.#live) this.#fds.readNew(pid, null);
    this.#lastFullCall = this.#call;
    this.#lastFullAt = now;
    this.#listedAt = generation;
    this.#listed = true;
  }

  /**
   * Drops exited processes and reads the fd tables of new ones (newest first, bounded); skipped
   * when no task was created or reaped since the last complete listing.
   */
  #refreshProcessList(generation: TaskGeneration | null): void {
    this.#listed = generation === null || generation !== this.#listedAt;
    if (!this.#listed) return;
    const call = this.#call;
    this.#live = listProcesses();
    const fresh: number[] = [];
    for (const pid of this.#live) {
      const table = this.#fds.tables.get(pid);
      if (table) table.listedIn = call;
      else fresh.push(pid);
    }
    for (const [pid, table] of this.#fds.tables) if (table.listedIn !== call) this.#fds.forget(pid, table);
    fresh.sort((a, b) => b - a);
    const count = Math.min(fresh.length, this.#newLimit);
    for (let i = 0; i < count; i++) this.#fds.readNew(fresh[i] as number, null);
    // New processes left for a later call: the listing is not complete yet.
    this.#listedAt = count === fresh.length ? generation : null;
  }
}

/** The stats of a call that read and looked up nothing (before the first call, and the fast path). */
const NO_WORK: OwnerScanStats = Object.freeze({
  kind: 'cached',
  processes: 0,
  listed: false,
  dirsRead: 0,
  searchedDirs: 0,
  sweptDirs: 0,
  linksRead: 0,
  unreadableDirs: 0,
  unknownInodes: 0,
  reusedResult: false,
  ms: 0,
});

/** Every pid in /proc now. */
function listProcesses(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = pidFromName(name);
    if (!Number.isNaN(pid)) pids.push(pid);
  }
  return pids;
}
