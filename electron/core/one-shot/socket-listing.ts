/**
 * One look at the machine for a one-shot list (`portlens list`): the netlink dump in columns
 * (SocketTable) with each socket's owner, and rows made on demand, into one reused object when
 * the caller only reads them. Rows are exactly the ones a one-shot SnapshotPipeline makes
 * (a fast-check property holds both to the same rows); what differs is that no object per socket outlives
 * the moment it is read, which at 20,000 sockets saves most of the command's page faults and
 * GC copying.
 */
import { NetlinkCollector } from '../collect/netlink-collector.js';
import { cookieText } from '../collect/netlink-parse.js';
import { scopeOf } from '../collect/address.js';
import { SocketTable, flagOrNull, orNull, type SocketColumns } from './socket-table.js';
import { SOCKET_STATES } from '../../contract/enum-values.js';
import { CollectorError } from '../model.js';
import type { Family, ProcessInfo, Protocol, Scope, SnapshotSource, SocketRow, SocketState } from '../model.js';
import { scanAllOwners } from './one-shot-owners.js';
import { ProcessCache } from '../owners/process-cache.js';
import { ownerOf, type OwnerAnswer, type RowOwner } from '../snapshot/owner-of.js';
import type { OwnerAnswers, ProcessLookup } from '../snapshot/pipeline.js';
import { rowId } from '../snapshot/row-id.js';

/** A socket table with owners: Snapshot's content, rows made when read. */
export interface SocketListing {
  readonly time: number;
  readonly source: SnapshotSource;
  /** Number of sockets. */
  readonly length: number;
  readonly processes: Record<string, ProcessInfo>;
  readonly hiddenOwners: number;
  readonly warnings: string[];
  /**
   * Row `i`. With `into`, its fields are overwritten and it is returned: a reader that keeps
   * nothing (a filter, a sort key, the JSON writer) makes no object per row.
   */
  rowAt(i: number, into?: SocketRow): SocketRow;
  /** Socket `i`'s queues, as `ss` shows them (Recv-Q, Send-Q). */
  queuesAt(i: number): SocketQueues;
}

/** A socket's Recv-Q and Send-Q (for a listener: accept queue and its limit). */
export interface SocketQueues {
  receive: number;
  send: number;
}

const NO_INODE: RowOwner = Object.freeze({ pids: Object.freeze([]) as unknown as number[], reason: 'no-inode' });

/**
 * The listing of every socket now, from netlink; null when netlink is unavailable here (the
 * caller then takes a Snapshot through the fallback collectors). Other failures throw.
 */
export function takeListing(): SocketListing | null {
  const table = new SocketTable();
  const collector = new NetlinkCollector();
  try {
    collector.collectInto(table);
  } catch (error) {
    if (error instanceof CollectorError) return null;
    throw error;
  } finally {
    collector.close();
  }
  return listingOf(table.columns(), scanAllOwners(), {
    time: Date.now(),
    elevated: process.geteuid?.() === 0,
    processes: new ProcessCache(),
    warnings: [...collector.lastWarnings],
  });
}

/** What listingOf needs besides the sockets and their owners. */
export interface ListingContext {
  /** When the sockets were read (every row's firstSeen). */
  time: number;
  /** We run as root: a table we could not read is `unreadable`, not `permission`. */
  elevated: boolean;
  processes: Pick<ProcessLookup, 'get'>;
  warnings: string[];
}

/** The listing of `table` with owners from `answers`: what a one-shot pipeline makes of it. */
export function listingOf(table: SocketColumns, answers: OwnerAnswers, context: ListingContext): SocketListing {
  // One RowOwner per distinct answer: answers are shared per owner, so this makes a handful.
  const byAnswer = new Map<OwnerAnswer, RowOwner>();
  const owners: RowOwner[] = new Array<RowOwner>(table.count);
  const livePids = new Set<number>();
  let hiddenOwners = 0;
  for (let i = 0; i < table.count; i++) {
    const inode = table.inode[i] as number;
    let owner = NO_INODE;
    if (inode !== 0) {
      const answer = answers.get(inode);
      let known = byAnswer.get(answer);
      if (known === undefined) {
        byAnswer.set(answer, (known = ownerOf(answer, context.elevated)));
        for (const pid of known.pids) livePids.add(pid);
      }
      owner = known;
    }
    if (owner.reason === 'permission') hiddenOwners++;
    owners[i] = owner;
  }
  const processes: Record<string, ProcessInfo> = {};
  for (const pid of livePids) {
    const info = context.processes.get(pid);
    if (info) processes[pid] = info;
  }
  return new TableListing(table, owners, context.time, processes, hiddenOwners, context.warnings);
}

class TableListing implements SocketListing {
  readonly source = 'netlink' as const;
  readonly #scopes = new Map<string, Scope>();

  constructor(
    private readonly table: SocketColumns,
    private readonly owners: readonly RowOwner[],
    readonly time: number,
    readonly processes: Record<string, ProcessInfo>,
    readonly hiddenOwners: number,
    readonly warnings: string[],
  ) {}

  get length(): number {
    return this.table.count;
  }

  queuesAt(i: number): SocketQueues {
    return { receive: this.table.receiveQueue[i] as number, send: this.table.sendQueue[i] as number };
  }

  rowAt(i: number, into?: SocketRow): SocketRow {
    const t = this.table;
    const owner = this.owners[i] as RowOwner;
    const row: SocketRow = into ?? ({} as SocketRow);
    const protocol = t.protocol[i] === 0 ? 'tcp' : 'udp';
    const localAddress = t.localAddress[i] as string;
    // Field order as the pipeline's rows, so both kinds of row share one shape. Written out for
    // speed: socket-listing.test.ts holds these rows to the pipeline's, every field of the table.
    row.id = this.#id(i, protocol);
    row.protocol = protocol;
    row.family = t.family[i] as Family;
    row.localAddress = localAddress;
    row.localPort = t.localPort[i] as number;
    row.remoteAddress = t.remoteAddress[i] ?? null;
    row.remotePort = orNull(t.remotePort[i] as number);
    row.state = SOCKET_STATES[t.state[i] as number] as SocketState;
    row.pids = owner.pids;
    row.ownerReason = owner.reason;
    row.inode = t.inode[i] as number;
    row.uid = orNull(t.uid[i] as number);
    row.scope = this.#scope(localAddress);
    row.bytesSent = orNull(t.bytesSent[i] as number);
    row.bytesReceived = orNull(t.bytesReceived[i] as number);
    row.sendRate = null;
    row.receiveRate = null;
    row.firstSeen = this.time;
    row.v6Only = flagOrNull(t.v6Only[i] as number);
    return row;
  }

  #id(i: number, protocol: Protocol): string {
    const t = this.table;
    const cookie = cookieText(t.cookieLow[i] as number, t.cookieHigh[i] as number);
    if (cookie !== null) return `${protocol}#${cookie}`;
    return rowId({
      protocol,
      family: t.family[i] as Family,
      localAddress: t.localAddress[i] as string,
      localPort: t.localPort[i] as number,
      remoteAddress: t.remoteAddress[i] ?? null,
      remotePort: orNull(t.remotePort[i] as number),
      inode: t.inode[i] as number,
      cookie: null,
    });
  }

  #scope(address: string): Scope {
    let scope = this.#scopes.get(address);
    if (scope === undefined) this.#scopes.set(address, (scope = scopeOf(address)));
    return scope;
  }
}
