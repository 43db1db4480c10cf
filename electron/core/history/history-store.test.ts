/** The history store on a real directory: round trip, filters, the index cache, damage, pruning. */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryEvent, type HistoryQuery } from '../../contract/history.js';
import { appendHistoryEvents, pruneHistory, queryHistory, SEGMENT_MS } from './history-store.js';
import { encodeRecord } from './record-codec.js';
import { sampleEvent } from './test-support/history-events.js';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'portlens-history-')), 'history');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const ALL: HistoryQuery = { since: null, until: null, port: null, pid: null, text: null, limit: 100_000 };
const HOUR = SEGMENT_MS;
const base = Math.floor(Date.UTC(2026, 11, 5, 10) / HOUR) * HOUR;

describe('history store', () => {
  it('returns what was appended, field for field, oldest first, across hourly segments', () => {
    const events = Array.from({ length: 300 }, (_, i) => sampleEvent(i, base, 60_000)); // 5 hours
    appendHistoryEvents(dir, events.slice(0, 100));
    appendHistoryEvents(dir, events.slice(100));
    const result = queryHistory(dir, ALL);
    expect(result).toEqual({ events, truncated: false, damaged: 0 });
    for (const event of result.events) HistoryEvent.parse(event);
    expect(readdirSync(dir).filter((name) => name.endsWith('.events'))).toHaveLength(5);
  });

  it('filters by time range, port (either end) and pid, and keeps the newest `limit`', () => {
    const events = Array.from({ length: 2000 }, (_, i) => sampleEvent(i, base, 10_000));
    appendHistoryEvents(dir, events);
    const since = base + 3_000_000;
    const until = base + 9_000_000;
    const q = (over: Partial<HistoryQuery>) => queryHistory(dir, { ...ALL, ...over }).events;
    expect(q({ since, until })).toEqual(events.filter((e) => e.time >= since && e.time <= until));
    const remote = events.find((e) => e.remotePort !== null)!.remotePort!;
    expect(q({ port: remote })).toEqual(events.filter((e) => e.localPort === remote || e.remotePort === remote));
    expect(q({ port: 1030, pid: 106 })).toEqual(events.filter((e) => e.localPort === 1030 && e.pid === 106));
    expect(q({ text: 'PROC-42' })).toEqual(events.filter((e) => e.processName?.startsWith('proc-42')));
    const newest = queryHistory(dir, { ...ALL, limit: 10 });
    expect(newest).toMatchObject({ events: events.slice(-10), truncated: true });
  });

  it('answers the same from a persisted index plus the records written after it', () => {
    const events = Array.from({ length: 12_000 }, (_, i) => sampleEvent(i, base, 1));
    appendHistoryEvents(dir, events.slice(0, 8000));
    queryHistory(dir, ALL); // writes the index (the tail is over the rewrite threshold)
    const index = readdirSync(dir).find((name) => name.endsWith('.index'));
    expect(index).toBeDefined();
    appendHistoryEvents(dir, events.slice(8000));
    expect(queryHistory(dir, ALL).events).toEqual(events);
    expect(queryHistory(dir, { ...ALL, pid: 100 }).events).toEqual(events.filter((e) => e.pid === 100));
    // A damaged index is a cache: it is ignored and rebuilt.
    writeFileSync(join(dir, index!), 'garbage');
    expect(queryHistory(dir, ALL).events).toEqual(events);
  });

  it('skips a torn record (a writer killed mid-write) and reads the records appended after it', () => {
    const events = Array.from({ length: 30 }, (_, i) => sampleEvent(i, base, 1000));
    appendHistoryEvents(dir, events.slice(0, 10));
    const file = join(dir, readdirSync(dir).find((name) => name.endsWith('.events'))!);
    const torn = encodeRecord(events[10]!);
    appendFileSync(file, torn.subarray(0, Math.floor(torn.length / 2)));
    appendHistoryEvents(dir, events.slice(11, 20));
    // Corrupt one byte inside a complete record: its CRC refuses it.
    appendHistoryEvents(dir, [events[20]!]);
    const endOf20 = statSync(file).size;
    appendHistoryEvents(dir, events.slice(21));
    const bytes = readFileSync(file);
    bytes[endOf20 - 3] = (bytes[endOf20 - 3] as number) ^ 0xff; // inside event 20's detail
    writeFileSync(file, bytes);
    const result = queryHistory(dir, ALL, false);
    expect(result.events).toEqual([...events.slice(0, 10), ...events.slice(11, 20), ...events.slice(21)]);
    expect(result.damaged).toBe(2);
  });

  it('prunes whole segments by age, then the oldest by size, never the current hour', () => {
    const now = base + 10 * HOUR + 5;
    for (let h = 0; h <= 10; h++) appendHistoryEvents(dir, Array.from({ length: 50 }, (_, i) => sampleEvent(i, base + h * HOUR, 1)));
    const segments = () => readdirSync(dir).filter((name) => name.endsWith('.events')).length;
    expect(segments()).toBe(11);
    expect(pruneHistory(dir, { maxAgeMs: 5 * HOUR, maxBytes: 1e12 }, now)).toBe(5); // hours 0–4 ended ≥ 5 h ago
    expect(segments()).toBe(6);
    const oneSegment = statSync(join(dir, readdirSync(dir).find((name) => name.endsWith('.events'))!)).size;
    pruneHistory(dir, { maxAgeMs: 1e12, maxBytes: oneSegment * 2.5 }, now);
    expect(segments()).toBe(2);
    pruneHistory(dir, { maxAgeMs: 1e12, maxBytes: 1 }, now);
    expect(queryHistory(dir, ALL).events.map((e) => e.time)).toEqual(Array.from({ length: 50 }, (_, i) => base + 10 * HOUR + i));
  });

  it('answers an empty result for a directory that does not exist yet', () => {
    expect(queryHistory(join(dir, 'nothing'), ALL)).toEqual({ events: [], truncated: false, damaged: 0 });
  });
});
