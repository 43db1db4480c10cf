import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, PortNotification } from '../../contract/api.js';
import type { PortEvent } from '../../contract/model.js';
import { makeEvent, makeProcess } from '../../contract/testing/factories.js';
import { BURST_MS, MAX_OWNERS, NotificationBatcher, SETTLE_MS } from './notification-batcher.js';

const on = DEFAULT_SETTINGS.notifications;
const python = makeProcess({ pid: 30848, name: 'python3' });

function port(localPort: number, process = python): PortEvent {
  return makeEvent({ localAddress: '127.0.0.1', localPort, process, rowId: `r${localPort}` });
}

function closed(event: PortEvent): PortEvent {
  return { ...event, type: 'listen-closed' };
}

let shown: PortNotification[];
let batcher: NotificationBatcher;

beforeEach(() => {
  vi.useFakeTimers();
  shown = [];
  batcher = new NotificationBatcher((notification) => shown.push(PortNotification.parse(notification)));
});
afterEach(() => {
  batcher.dispose();
  vi.useRealTimers();
});

describe('NotificationBatcher', () => {
  it('tells about a listener once it has lived the settle time, not before', () => {
    batcher.accept([port(8000)], on);
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(shown.map((n) => n.title)).toEqual(['python3 opened 127.0.0.1:8000']);
    expect(shown[0]?.key).toBe('pid:30848');
  });

  it('never tells about a listener that closes within the settle time', () => {
    const short = port(8001);
    batcher.accept([short], on);
    vi.advanceTimersByTime(SETTLE_MS / 2);
    batcher.accept([closed(short)], on);
    vi.advanceTimersByTime(SETTLE_MS * 5);
    expect(shown).toHaveLength(0);
  });

  it('a process opening ports tick after tick is one notification, updated under one key', () => {
    // 45 ports over 4.5 s, ten ticks of a test suite.
    for (let tick = 0; tick < 9; tick++) {
      batcher.accept(
        Array.from({ length: 5 }, (_, i) => port(9000 + tick * 5 + i)),
        on,
      );
      vi.advanceTimersByTime(500);
    }
    vi.advanceTimersByTime(SETTLE_MS);
    const keys = new Set(shown.map((n) => n.key));
    expect(keys).toEqual(new Set(['pid:30848']));
    expect(shown.at(-1)?.title).toBe('python3 opened 45 ports');
    expect(shown.at(-1)?.rowIds).toHaveLength(45);
  });

  it('starts a new notification after a quiet spell longer than the burst window', () => {
    batcher.accept([port(8000)], on);
    vi.advanceTimersByTime(SETTLE_MS + BURST_MS);
    batcher.accept([port(8002)], on);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(shown.map((n) => n.title)).toEqual(['python3 opened 127.0.0.1:8000', 'python3 opened 127.0.0.1:8002']);
  });

  it('names at most MAX_OWNERS processes apart per flush; the rest share one notification', () => {
    const events = Array.from({ length: MAX_OWNERS + 2 }, (_, i) =>
      port(7000 + i, makeProcess({ pid: 100 + i, name: `svc${i}` })),
    );
    batcher.accept(events, on);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(shown).toHaveLength(MAX_OWNERS + 1);
    expect(shown.at(-1)).toMatchObject({ key: 'several', title: '2 ports opened' });
  });

  it('names the owners with the most ports apart, whatever order they came in', () => {
    const small = Array.from({ length: MAX_OWNERS }, (_, i) => port(7100 + i, makeProcess({ pid: 200 + i, name: `svc${i}` })));
    const busy = [port(7200), port(7201), port(7202)];
    batcher.accept([...small, ...busy], on);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(shown.map((n) => [n.key, n.title])).toEqual([
      ['pid:30848', 'python3 opened 3 ports'],
      ...small.slice(0, MAX_OWNERS - 1).map((e) => [`pid:${e.process!.pid}`, `${e.process!.name} opened 127.0.0.1:${e.localPort}`]),
      ['several', `svc${MAX_OWNERS - 1} opened 127.0.0.1:${7100 + MAX_OWNERS - 1}`],
    ]);
  });

  it('applies the user rules and holds nothing when notifications are off', () => {
    batcher.accept([port(8000)], { ...on, ignoredPorts: [8000] });
    batcher.accept([port(8003)], { ...on, enabled: false });
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(shown).toHaveLength(0);
  });
});
