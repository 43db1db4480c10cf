import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@contract/history';
import { listenersAt, timelineQuery } from './timeline-query';

function event(time: number, type: HistoryEvent['type'], port: number, pid = 10): HistoryEvent {
  return {
    time,
    type,
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    pid,
    processName: 'node',
    user: 'me',
    bytesSent: null,
    bytesReceived: null,
    detail: null,
  };
}

describe('timelineQuery', () => {
  it('turns the form into a range ending at the asked time', () => {
    const at = new Date('2026-12-05T14:00').getTime();
    expect(timelineQuery({ port: ':3000', text: ' node ', at: '2026-12-05T14:00', hours: 24 })).toEqual({
      query: { since: at - 86_400_000, until: at, port: 3000, pid: null, text: 'node', limit: 5000 },
    });
  });

  it('an empty time is now; a bad port is an error that says what was typed', () => {
    expect(timelineQuery({ port: '', text: '', at: '', hours: 1 }, 5_000_000)).toMatchObject({
      query: { since: 5_000_000 - 3_600_000, until: 5_000_000, port: null, text: null },
    });
    expect(timelineQuery({ port: '70000', text: '', at: '', hours: 1 })).toEqual({
      error: 'Port must be a number from 0 to 65535, not "70000"',
    });
  });
});

describe('listenersAt', () => {
  it('keeps listeners opened before the time and not closed by then', () => {
    const events = [
      event(1, 'listen-opened', 3000, 1),
      event(2, 'listen-opened', 4000, 2),
      event(3, 'listen-closed', 4000, 2),
      event(5, 'listen-closed', 3000, 1),
    ];
    expect(listenersAt(events, 4).map((e) => e.localPort)).toEqual([3000]);
    expect(listenersAt(events, 2).map((e) => e.localPort)).toEqual([3000, 4000]);
    expect(listenersAt(events, 6)).toEqual([]);
  });
});
