import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTED_FIELDS, isChangingField } from '../../contract/row-fields.js';
import { rowFields } from '../../contract/testing/arbitraries.js';
import type { RawSocket, SocketRow } from '../model.js';
import { SnapshotPipeline, type OwnerLookup } from './pipeline.js';

/** A connection as a source reports it; TIME_WAIT has no inode. */
function connection(state: 'ESTABLISHED' | 'TIME_WAIT', cookie: string | null): RawSocket {
  return {
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40000,
    remoteAddress: '127.0.0.1',
    remotePort: 8080,
    state,
    inode: state === 'TIME_WAIT' ? 0 : 555,
    uid: state === 'TIME_WAIT' ? null : 1000,
    cookie,
    bytesSent: 10,
    bytesReceived: 20,
    v6Only: null,
  };
}

/** A pipeline over scripted collections (plain data: this tests the pipeline's own logic). */
function scripted(polls: RawSocket[][], history = true): SnapshotPipeline {
  let poll = 0;
  let clock = 1000;
  const owners: OwnerLookup = { resolve: () => new Map([[555, { pids: [7] }]]) };
  return new SnapshotPipeline({
    collector: { source: 'netlink', collect: () => polls[poll++] ?? [], close() {} },
    owners,
    processes: { get: () => null, prune() {} },
    now: () => (clock += 1000),
    history,
  });
}

describe('SnapshotPipeline', () => {
  it('keeps the owner and the id of a connection that moved to TIME_WAIT, by its cookie', async () => {
    const pipeline = scripted([[connection('ESTABLISHED', '42')], [connection('TIME_WAIT', '42')]]);
    const first = (await pipeline.tick()).sockets[0]!;
    const second = (await pipeline.tick()).sockets[0]!;
    expect(first).toMatchObject({ id: 'tcp#42', pids: [7], ownerReason: null });
    expect(second).toMatchObject({ id: 'tcp#42', state: 'TIME_WAIT', pids: [7], ownerReason: 'last-known', firstSeen: first.firstSeen });
  });

  it('keeps the owner by the 5-tuple where the source gives no cookie', async () => {
    const pipeline = scripted([[connection('ESTABLISHED', null)], [connection('TIME_WAIT', null)], [connection('TIME_WAIT', null)]]);
    await pipeline.tick();
    const second = (await pipeline.tick()).sockets[0]!;
    const third = (await pipeline.tick()).sockets[0]!;
    expect(second).toMatchObject({ state: 'TIME_WAIT', pids: [7], ownerReason: 'last-known' });
    expect(third).toMatchObject({ id: second.id, pids: [7], ownerReason: 'last-known', firstSeen: second.firstSeen });
  });

  it('says no-inode for a TIME_WAIT connection it never saw established', async () => {
    const snapshot = await scripted([[connection('TIME_WAIT', '9')]]).tick();
    expect(snapshot.sockets[0]).toMatchObject({ pids: [], ownerReason: 'no-inode' });
  });

  it('without history (one-shot callers) keeps nothing for a next poll', async () => {
    const pipeline = scripted([[connection('ESTABLISHED', '42')], [connection('TIME_WAIT', '42')]], false);
    const first = (await pipeline.tick()).sockets[0]!;
    const second = (await pipeline.tick()).sockets[0]!;
    expect(first.pids).toEqual([7]);
    expect(second).toMatchObject({ pids: [], ownerReason: 'no-inode' });
    expect(second.firstSeen).toBeGreaterThan(first.firstSeen);
  });

  it('remakes a row when any one field a collector reports changed under its key (every such field of the table)', async () => {
    /** A row without what depends on the poll before it (id and first-seen time kept, rates). */
    const own = (row: SocketRow) => ({ ...row, id: '', firstSeen: 0, sendRate: null, receiveRate: null });
    for (const field of COLLECTED_FIELDS) {
      if (!isChangingField(field)) continue; // fixed under one key (the protocol and family)
      await fc.assert(
        fc.asyncProperty(rowFields[field] as fc.Arbitrary<unknown>, async (value) => {
          const before = connection('ESTABLISHED', '42');
          fc.pre(value !== before[field]);
          // Inode 0 is a socket the kernel no longer ties to a file (TIME_WAIT): the pipeline keeps
          // its last known owner by design (tested above), which a fresh one-shot cannot know.
          fc.pre(!(field === 'inode' && value === 0));
          const after = { ...before, [field]: value } as RawSocket;
          // The second poll has rates, so a third with nothing changed would keep its row.
          const pipeline = scripted([[before], [before], [after]]);
          await pipeline.tick();
          const first = (await pipeline.tick()).sockets[0]!;
          const second = (await pipeline.tick()).sockets[0]!;
          const fresh = (await scripted([[after]], false).tick()).sockets[0]!;
          expect(second, field).not.toBe(first);
          expect(own(second), field).toEqual(own(fresh));
          expect(second).toMatchObject({ id: first.id, firstSeen: first.firstSeen });
        }),
        { numRuns: 15 },
      );
    }
  });

  it('keeps the row object of a socket that did not change', async () => {
    const pipeline = scripted([[connection('ESTABLISHED', '42')], [connection('ESTABLISHED', '42')]]);
    const first = (await pipeline.tick()).sockets[0]!;
    const second = (await pipeline.tick()).sockets[0]!;
    // The counters did not move: the rate is 0 now, no longer unknown; a third poll keeps it.
    expect(second).toMatchObject({ sendRate: 0, receiveRate: 0 });
    const steady = scripted([[connection('ESTABLISHED', '42')], [connection('ESTABLISHED', '42')], [connection('ESTABLISHED', '42')]]);
    await steady.tick();
    const a = (await steady.tick()).sockets[0]!;
    const b = (await steady.tick()).sockets[0]!;
    expect(b).toBe(a);
    expect(first.id).toBe(second.id);
  });
});
