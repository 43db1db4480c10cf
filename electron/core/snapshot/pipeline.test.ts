import { describe, expect, it } from 'vitest';
import type { RawSocket } from '../model.js';
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
    expect(second).toMatchObject({ id: 'tcp#42', state: 'TIME_WAIT', pids: [7], ownerReason: null, firstSeen: first.firstSeen });
  });

  it('keeps the owner by the 5-tuple where the source gives no cookie', async () => {
    const pipeline = scripted([[connection('ESTABLISHED', null)], [connection('TIME_WAIT', null)], [connection('TIME_WAIT', null)]]);
    await pipeline.tick();
    const second = (await pipeline.tick()).sockets[0]!;
    const third = (await pipeline.tick()).sockets[0]!;
    expect(second).toMatchObject({ state: 'TIME_WAIT', pids: [7], ownerReason: null });
    expect(third).toMatchObject({ id: second.id, pids: [7], ownerReason: null, firstSeen: second.firstSeen });
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
});
