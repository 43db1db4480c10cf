import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  CallName,
  ContractError,
  PortLensApi,
  Result,
  StreamMessage,
} from '@contract/api';
import { DEFAULT_SETTINGS } from '@contract/api';
import type { Snapshot } from '@contract/model';
import { makeDelta, makeRow, makeSnapshot } from '@contract/testing/factories';
import { LiveStore, type FrameScheduler, type StoreEvent } from './live-store';
import { perfRecord } from './perf';
import { CLOSING_MS } from './socket-data';
import type { ViewSettings } from './view-index';

/**
 * The store against a scripted stream (stub): these tests drive the message sequences a
 * transport can deliver (gaps, repeats, bursts, outages) without a backend behind them.
 */
class ScriptedApi {
  listener: ((message: StreamMessage) => void) | null = null;
  subscriptions = 0;
  snapshots: Snapshot[] = [];
  calls: CallName[] = [];
  connectionState = 'open';
  private connectionListeners = new Set<(state: string) => void>();

  asApi(connectionAware = false): PortLensApi {
    const answer = <T>(name: CallName, value: T): Promise<Result<T>> => {
      this.calls.push(name);
      return Promise.resolve({ ok: true, value });
    };
    const api = {
      transport: 'web',
      subscribe: (listener: (message: StreamMessage) => void) => {
        this.subscriptions++;
        this.listener = listener;
        return () => {
          if (this.listener === listener) this.listener = null;
        };
      },
      getSnapshot: () => {
        const next = this.snapshots.shift();
        return next
          ? answer('getSnapshot', next)
          : Promise.resolve({ ok: false, error: { code: 'failed', message: 'no snapshot', detail: null } });
      },
      getSettings: () => answer('getSettings', DEFAULT_SETTINGS),
      ...(connectionAware
        ? {
            connection: () => this.connectionState,
            onConnectionChange: (listener: (state: string) => void) => {
              this.connectionListeners.add(listener);
              return () => this.connectionListeners.delete(listener);
            },
          }
        : {}),
    };
    return api as unknown as PortLensApi;
  }

  send(message: StreamMessage): void {
    this.listener?.(message);
  }

  setConnection(state: string): void {
    this.connectionState = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}

const settings: ViewSettings = {
  sort: { column: 'local', desc: false },
  groupBy: 'none',
  predicate: null,
  collapsed: new Set(),
};
const nextTick: FrameScheduler = (run) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};
const ids = (store: LiveStore) => [...store.view.items];

describe('LiveStore (scripted stream)', () => {
  let script: ScriptedApi;
  let store: LiveStore;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    script = new ScriptedApi();
  });
  afterEach(() => {
    store.dispose();
    vi.useRealTimers();
  });

  function start(connectionAware = false): LiveStore {
    store = new LiveStore(script.asApi(connectionAware), settings, nextTick);
    store.start();
    return store;
  }

  it('shows the snapshot, then applies deltas in order, one frame per burst', async () => {
    start();
    expect(store.getStatus().phase).toBe('loading');
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 })]) });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getStatus().phase).toBe('ready');
    expect(ids(store)).toEqual(['a']);

    const version = store.getVersion();
    script.send({ type: 'delta', delta: makeDelta(2, { added: [makeRow({ id: 'b', localPort: 2 })] }) });
    script.send({ type: 'delta', delta: makeDelta(3, { added: [makeRow({ id: 'c', localPort: 3 })] }) });
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    expect(store.getVersion()).toBe(version + 1);
    expect(store.data.meta.seq).toBe(3);
  });

  it('applies a delta to the data on arrival and shows it in the view on the next frame', async () => {
    start();
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 })]) });
    await vi.advanceTimersByTimeAsync(1);
    const version = store.getVersion();
    script.send({ type: 'delta', delta: makeDelta(2, { added: [makeRow({ id: 'b', localPort: 2 })] }) });
    // The data is current at once; the view (what React renders) waits for the frame.
    expect(store.data.meta.seq).toBe(2);
    expect(store.data.rows.has('b')).toBe(true);
    expect(ids(store)).toEqual(['a']);
    expect(store.getVersion()).toBe(version);
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(store)).toEqual(['a', 'b']);
    expect(store.getVersion()).toBe(version + 1);
  });

  it('shows what is queued at once when asked (before the first render), not a frame later', () => {
    start();
    store.flushNow(); // nothing queued: nothing happens
    expect(store.getStatus().phase).toBe('loading');
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 })]) });
    const version = store.getVersion();
    store.flushNow();
    expect(store.getStatus().phase).toBe('ready');
    expect(ids(store)).toEqual(['a']);
    expect(store.getVersion()).toBe(version + 1);
    // The frame it would have waited for does not run it again.
    vi.advanceTimersByTime(1);
    expect(store.getVersion()).toBe(version + 1);
  });

  it('shows the first part of a big first snapshot at once, and its other rows as they come', async () => {
    start();
    const head = [makeRow({ id: 'l1', localPort: 80 }), makeRow({ id: 'l2', localPort: 443 })];
    script.send({ type: 'snapshot', snapshot: makeSnapshot(4, head), rest: 3 });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getStatus()).toMatchObject({ phase: 'ready', incoming: 3 });
    expect(ids(store)).toEqual(['l1', 'l2']);

    const connection = (id: string, localPort: number) =>
      makeRow({ id, localPort, state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 50_000 });
    script.send({ type: 'snapshot-rest', seq: 4, sockets: [connection('c1', 80)], rest: 2 });
    // The server sends no delta before the last part; one that came anyway waits for it.
    script.send({ type: 'delta', delta: makeDelta(5, { removed: ['c2'] }) });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getStatus().incoming).toBe(2);
    expect(store.data.meta.seq).toBe(4);
    expect(ids(store)).toEqual(['l1', 'c1', 'l2']);

    script.send({
      type: 'snapshot-rest',
      seq: 4,
      sockets: [connection('c2', 443), connection('c3', 444)],
      rest: 0,
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getStatus().incoming).toBe(0);
    // The delta that waited applies now: c2 closes (fading), and nothing is marked new.
    expect(store.data.meta.seq).toBe(5);
    expect(store.data.rows.get('c2')?.closingAt).not.toBeNull();
    expect([...store.data.rows.values()].every((entry) => entry.addedAt === null)).toBe(true);
    expect(ids(store)).toEqual(['l1', 'c1', 'l2', 'c2', 'c3']);
  });

  it('keeps showing its rows while a later snapshot comes in parts, then applies it whole', async () => {
    start();
    script.send({
      type: 'snapshot',
      snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 }), makeRow({ id: 'b', localPort: 2 })]),
    });
    await vi.advanceTimersByTimeAsync(1);
    // A reconnect: the new snapshot's first part lacks b, which must not start fading meanwhile.
    script.send({
      type: 'snapshot',
      snapshot: makeSnapshot(9, [makeRow({ id: 'a', localPort: 1 })]),
      rest: 2,
    });
    script.send({ type: 'delta', delta: makeDelta(10, { added: [makeRow({ id: 'd', localPort: 4 })] }) });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.data.rows.get('b')?.closingAt).toBeNull();
    expect(store.data.meta.seq).toBe(1);
    expect(store.getStatus().incoming).toBe(0);
    script.send({
      type: 'snapshot-rest',
      seq: 9,
      sockets: [makeRow({ id: 'b', localPort: 2 }), makeRow({ id: 'c', localPort: 3 })],
      rest: 0,
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.data.meta.seq).toBe(10);
    expect(ids(store)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.data.rows.get('b')?.closingAt).toBeNull();
  });

  it('ignores rows of a snapshot it does not hold a part of', async () => {
    start();
    script.send({
      type: 'snapshot',
      snapshot: makeSnapshot(3, [makeRow({ id: 'a', localPort: 1 })]),
      rest: 1,
    });
    script.send({
      type: 'snapshot',
      snapshot: makeSnapshot(6, [makeRow({ id: 'b', localPort: 2 })]),
      rest: 1,
    });
    script.send({
      type: 'snapshot-rest',
      seq: 3,
      sockets: [makeRow({ id: 'stale', localPort: 3 })],
      rest: 0,
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.data.rows.has('stale')).toBe(false);
    script.send({ type: 'snapshot-rest', seq: 6, sockets: [makeRow({ id: 'c', localPort: 3 })], rest: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getStatus().incoming).toBe(0);
    expect(store.data.meta.seq).toBe(6);
    // Snapshot 6 replaced the part of 3 that was shown: its row fades out.
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    expect(store.data.rows.get('a')?.closingAt).not.toBeNull();
  });

  it('counts first data when rows show, or when the first snapshot is whole', async () => {
    const record = perfRecord();
    record.firstDataAt = null;
    // A filter that hides the first part's listeners: nothing to show until the rest comes.
    const onlyConnections: ViewSettings = { ...settings, predicate: (row) => row.state !== 'LISTEN' };
    store = new LiveStore(script.asApi(), onlyConnections, nextTick);
    store.start();
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, [makeRow({ id: 'l' })]), rest: 1 });
    await vi.advanceTimersByTimeAsync(1);
    store.committed();
    expect(record.firstDataAt).toBeNull();
    script.send({
      type: 'snapshot-rest',
      seq: 1,
      sockets: [makeRow({ id: 'c', state: 'ESTABLISHED' })],
      rest: 0,
    });
    await vi.advanceTimersByTimeAsync(1);
    store.committed();
    expect(record.firstDataAt).not.toBeNull();
  });

  it('ignores a repeated delta', async () => {
    start();
    script.send({ type: 'snapshot', snapshot: makeSnapshot(5, [makeRow({ id: 'a' })]) });
    script.send({ type: 'delta', delta: makeDelta(5, { added: [makeRow({ id: 'ghost' })] }) });
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(store)).toEqual(['a']);
    expect(script.calls).not.toContain('getSnapshot');
  });

  it('repairs a missing seq with getSnapshot, then applies the deltas that follow it', async () => {
    start();
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 })]) });
    await vi.advanceTimersByTimeAsync(1);
    // Delta 2 is lost; 3 and 4 arrive. The resync snapshot is at seq 3.
    script.snapshots.push(
      makeSnapshot(3, [makeRow({ id: 'a', localPort: 1 }), makeRow({ id: 'b', localPort: 2 })]),
    );
    script.send({ type: 'delta', delta: makeDelta(3, { added: [makeRow({ id: 'b', localPort: 2 })] }) });
    script.send({ type: 'delta', delta: makeDelta(4, { added: [makeRow({ id: 'c', localPort: 3 })] }) });
    await vi.advanceTimersByTimeAsync(2000);
    expect(script.calls.filter((name) => name === 'getSnapshot')).toHaveLength(1);
    expect(store.getStatus().resyncing).toBe(false);
    expect(store.data.meta.seq).toBe(4);
    expect(ids(store)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a removed row while it fades, then drops it', async () => {
    start();
    script.send({
      type: 'snapshot',
      snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 1 }), makeRow({ id: 'b', localPort: 2 })]),
    });
    await vi.advanceTimersByTimeAsync(1);
    script.send({ type: 'delta', delta: makeDelta(2, { removed: ['a'] }) });
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(store)).toEqual(['a', 'b']);
    expect(store.data.rows.get('a')?.closingAt).not.toBeNull();
    await vi.advanceTimersByTimeAsync(CLOSING_MS + 100);
    expect(ids(store)).toEqual(['b']);
  });

  it('folds repeated errors and forgets dismissed ones', async () => {
    start();
    const error: ContractError = { code: 'failed', message: 'netlink failed', detail: null };
    script.send({ type: 'error', error });
    script.send({ type: 'error', error });
    const [entry] = store.getStatus().errors;
    expect(entry).toMatchObject({ count: 2, error });
    store.dismissError(entry!.id);
    expect(store.getStatus().errors).toEqual([]);
  });

  it('passes reveal (after the data it names) and notify on as events', async () => {
    start();
    const events: StoreEvent[] = [];
    store.onEvent((event) => events.push(event));
    script.send({ type: 'snapshot', snapshot: makeSnapshot(1, []) });
    script.send({ type: 'delta', delta: makeDelta(2, { added: [makeRow({ id: 'n' })] }) });
    script.send({ type: 'reveal', rowId: 'n' });
    script.send({
      type: 'notify',
      notification: { title: 'Port 3000 opened', body: 'node', rowIds: ['n'], time: 1, key: 'pid:1' },
    });
    expect(events).toEqual([
      { type: 'notify', notification: expect.objectContaining({ title: 'Port 3000 opened' }) },
    ]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events[1]).toEqual({ type: 'reveal', rowId: 'n' });
    expect(store.data.rows.has('n')).toBe(true);
  });

  it('follows a connection-aware transport and clears the errors of an outage once it is over', async () => {
    start(true);
    expect(store.getStatus()).toMatchObject({ connection: 'connected', selfReconnecting: true });
    script.send({ type: 'error', error: { code: 'internal', message: 'lost the connection', detail: null } });
    script.setConnection('reconnecting');
    expect(store.getStatus().connection).toBe('retrying');
    script.setConnection('open');
    expect(store.getStatus()).toMatchObject({ connection: 'connected', errors: [] });
    script.setConnection('closed');
    expect(store.getStatus().connection).toBe('disconnected');
  });

  it('probes a silent transport without connection events and resubscribes when it answers again', async () => {
    start(false);
    expect(script.subscriptions).toBe(1);
    let reachable = false;
    const api = script.asApi(false);
    // The watch probes with getSettings: make it fail while "down".
    (api as { getSettings: unknown }).getSettings = () =>
      Promise.resolve(
        reachable
          ? { ok: true, value: DEFAULT_SETTINGS }
          : { ok: false, error: { code: 'failed', message: 'down', detail: null } },
      );
    store.dispose();
    store = new LiveStore(api, settings, nextTick);
    store.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getStatus().connection).toBe('disconnected');
    reachable = true;
    store.retry();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getStatus().connection).toBe('connected');
    expect(script.subscriptions).toBe(3);
  });
});
