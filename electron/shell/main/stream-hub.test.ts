import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../contract/api.js';
import type { Backend } from '../../core/backend/backend.js';
import { StreamHub, type StreamTarget } from './stream-hub.js';
import { makeProcess, makeRow, makeSnapshot } from '../../contract/testing/factories.js';

/** The owner of this file's rows unless they name another. */
const node = makeProcess({ pid: 4242, name: 'node' });

/** A Backend whose stream the test drives (stub): it has a snapshot and pushes what the test says. */
function stubBackend() {
  const listeners = new Set<(message: StreamMessage) => void>();
  const backend: Backend = {
    call: async () => ({ ok: true, value: {} }) as never,
    subscribe(listener) {
      listeners.add(listener);
      listener({
        type: 'snapshot',
        snapshot: makeSnapshot(1, [makeRow({ id: 'a', localPort: 80, pids: [4242] })], [node]),
      });
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
  return { backend, listeners, push: (m: StreamMessage) => listeners.forEach((l) => l(m)) };
}

/** A recording webContents (stub): Electron's cannot exist in Node. */
function stubTarget(id: number) {
  const target = {
    id,
    destroyed: false,
    received: [] as StreamMessage[],
    gone: [] as Array<() => void>,
    isDestroyed: () => target.destroyed,
    post: (m: StreamMessage) => void target.received.push(m),
    onPageGone(stop: () => void) {
      target.gone.push(stop);
      return () => (target.gone = target.gone.filter((s) => s !== stop));
    },
  };
  return target satisfies StreamTarget;
}

describe('StreamHub (stub backend and webContents)', () => {
  it('gives a starting window a snapshot, then what the backend pushes', () => {
    const { backend, push } = stubBackend();
    const hub = new StreamHub(backend);
    const page = stubTarget(1);
    hub.start(page);
    push({ type: 'reveal', rowId: 'x' });
    expect(page.received.map((m) => m.type)).toEqual(['snapshot', 'reveal']);
  });

  it('replaces the subscription on a second start, and ends it when the page goes', () => {
    const { backend, listeners } = stubBackend();
    const hub = new StreamHub(backend);
    const page = stubTarget(1);
    hub.start(page);
    hub.start(page);
    expect(listeners.size).toBe(1);
    expect(page.gone).toHaveLength(1);
    page.gone[0]!();
    expect(listeners.size).toBe(0);
    expect(hub.isStreaming(1)).toBe(false);
  });

  it('holds a reveal until the page starts its stream, keeping only the latest', () => {
    const { backend } = stubBackend();
    const hub = new StreamHub(backend);
    const page = stubTarget(2);
    hub.deliver(page, { type: 'reveal', rowId: 'old' });
    hub.deliver(page, { type: 'reveal', rowId: 'new' });
    expect(page.received).toEqual([]);
    hub.start(page);
    expect(page.received).toEqual([
      expect.objectContaining({ type: 'snapshot' }),
      { type: 'reveal', rowId: 'new' },
    ]);
  });

  it('stops sending to a destroyed page', () => {
    const { backend, listeners, push } = stubBackend();
    const hub = new StreamHub(backend);
    const page = stubTarget(3);
    hub.start(page);
    page.destroyed = true;
    push({ type: 'reveal', rowId: 'x' });
    expect(page.received).toHaveLength(1);
    expect(listeners.size).toBe(0);
  });
});
