import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FIELDS } from '../../contract/row-fields.js';
import type { ProcessInfo, RawSocket, SocketRow } from '../model.js';
import { NO_COOKIE } from '../collect/netlink-protocol.js';
import { rawSocketSink, type DecodedSocket } from '../collect/netlink-parse.js';
import { SocketTable } from './socket-table.js';
import { arbitrarySocket } from '../collect/test-arbitraries.js';
import { makeProcess } from '../../contract/testing/factories.js';
import { Children } from '../owners/test-support/children.js';
import { LISTENERS } from '../owners/test-support/owner-fixtures.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import type { OwnerAnswer } from '../snapshot/owner-of.js';
import { SnapshotPipeline } from '../snapshot/pipeline.js';
import { listingOf, takeListing } from './socket-listing.js';

/** A socket as the netlink parser hands it over, with the cookie either given or not. */
const decoded = fc.tuple(arbitrarySocket({ cookies: true, counters: true, v6Only: true }), fc.boolean()).map(([{ socket }, noCookie]): DecodedSocket => {
  const cookie = BigInt(socket.cookie as string);
  return {
    ...socket,
    cookieLow: noCookie ? NO_COOKIE : Number(cookie & 0xffffffffn),
    cookieHigh: noCookie ? NO_COOKIE : Number(cookie >> 32n),
  };
});

/** What an owner lookup may answer for an inode. */
const answer = fc.oneof(
  fc.constantFrom<OwnerAnswer>({ pids: [11] }, { pids: [12] }, { pids: [11, 13] }, { pids: [] }, { reason: 'permission' }, { reason: 'not-found' }, undefined),
);

describe('listingOf (generated sockets and owners)', () => {
  it('makes exactly the rows, JSON bytes, processes and hidden-owner count of a one-shot pipeline', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(decoded, { maxLength: 40 }), fc.array(answer, { minLength: 1, maxLength: 8 }), fc.boolean(), async (sockets, answers, elevated) => {
        const table = new SocketTable();
        const raws: RawSocket[] = [];
        const sink = rawSocketSink(raws);
        for (const socket of sockets) {
          table.add(socket);
          sink.add(socket);
        }
        const owners = { get: (inode: number) => answers[inode % answers.length] };
        const known: Record<number, ProcessInfo> = { 11: makeProcess({ pid: 11 }), 13: makeProcess({ pid: 13 }) };
        const processes = { get: (pid: number) => known[pid] ?? null, prune: () => undefined };
        const time = 1_800_000_000_123;

        const pipeline = new SnapshotPipeline({
          collector: { source: 'netlink', collect: () => raws, close: () => undefined },
          owners: { resolve: () => owners },
          processes,
          now: () => time,
          history: false,
          elevated,
        });
        const snapshot = await pipeline.tick();
        const listing = listingOf(table.columns(), owners, { time, elevated, processes, warnings: [] });

        const rows = Array.from({ length: listing.length }, (_, i) => listing.rowAt(i));
        expect(rows).toEqual(snapshot.sockets);
        for (const [i, row] of rows.entries()) {
          expect(Object.keys(row)).toEqual(ROW_FIELDS);
          expect(Object.keys(snapshot.sockets[i]!)).toEqual(ROW_FIELDS);
        }
        expect(listing.processes).toEqual(snapshot.processes);
        expect(listing.hiddenOwners).toBe(snapshot.hiddenOwners);
        // Made into one reused object, each row is still the same while it is read.
        const view = {} as SocketRow;
        for (let i = 0; i < listing.length; i++) expect(listing.rowAt(i, view)).toEqual(snapshot.sockets[i]);
      }),
      { numRuns: 300 },
    );
  });

  it('forgets what a refused dump added (truncate)', () => {
    const table = new SocketTable();
    const sample = fc.sample(decoded, { numRuns: 3, seed: 7 });
    for (const socket of sample) table.add(socket);
    table.truncate(1);
    const columns = table.columns();
    expect(columns.count).toBe(1);
    expect(columns.localAddress).toEqual([sample[0]!.localAddress]);
  });
});

describe('takeListing (the real machine)', () => {
  const children = new Children();
  afterEach(() => children.stopAll());

  it("lists a child's listeners with its pid, as takeSnapshot does", async () => {
    const child = await children.node(LISTENERS);
    const ports = Object.values(child.ready as Record<string, number>);
    const listing = takeListing();
    expect(listing).not.toBeNull();
    const snapshot = await takeSnapshot();
    const ours = (rows: SocketRow[]) =>
      rows
        .filter((row) => ports.includes(row.localPort) && row.pids.includes(child.pid))
        .map((row) => ({ ...row, firstSeen: 0 }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const listed = ours(Array.from({ length: listing!.length }, (_, i) => listing!.rowAt(i)));
    expect(listed).toHaveLength(4);
    expect(listed).toEqual(ours(snapshot.sockets));
    expect(listing!.processes[child.pid]?.pid).toBe(child.pid);
    expect(listing!.source).toBe('netlink');
  });
});
