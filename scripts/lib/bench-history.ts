/**
 * Benchmark entry: the history store at a day of a busy machine. Writes `events` events spread
 * over 24 hours into a fresh store (the recorder's write path, in batches), saves the finished
 * hours' indexes as the recorder does when an hour ends, then times queries the way
 * `portlens history` and the Timeline ask them: the first (cold: nothing read yet in this
 * process; the current hour's index is built then) and `runs` more (warm).
 *
 * argv: <events> <runs>
 * stdout: one JSON line, a {@link HistoryBenchResult}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEvent, HistoryQuery } from '../../electron/contract/history.js';
import { appendHistoryEvents, indexSegment, queryHistory, SEGMENT_MS } from '../../electron/core/history/history-store.js';

export interface HistoryBenchResult {
  events: number;
  storeBytes: number;
  writeMs: number;
  /** Saving the indexes of the 23 finished hours, as the recorder does when each hour ends. */
  indexMs: number;
  queries: { name: string; matches: number; coldMs: number; warmMs: number[] }[];
}

const DAY = 86_400_000;
const TYPES = ['connection-opened', 'connection-closed', 'listen-opened', 'listen-closed'] as const;

/** Event `i` of `n`, evenly over the day before `end`: mostly connections, 2,000 ports, 500 processes. */
function event(i: number, n: number, end: number): HistoryEvent {
  const type = TYPES[i % 10 < 8 ? i % 2 : 2 + (i % 2)] as HistoryEvent['type'];
  const connection = type.startsWith('connection');
  const pid = 1000 + ((i * 7919) % 500);
  return {
    time: end - DAY + (i * DAY) / n,
    type,
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: connection ? 40_000 + (i % 20_000) : 3000 + (i % 2000),
    remoteAddress: connection ? `10.1.${i % 200}.${i % 250}` : null,
    remotePort: connection ? 3000 + (i % 2000) : null,
    pid,
    processName: `service-${pid % 50}`,
    user: 'dev',
    bytesSent: type === 'connection-closed' ? i * 13 : null,
    bytesReceived: type === 'connection-closed' ? i * 17 : null,
    detail: null,
  };
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

const [eventsText = '1000000', runsText = '7'] = process.argv.slice(2);
const n = Number(eventsText);
const runs = Number(runsText);
const root = mkdtempSync(join(tmpdir(), 'portlens-bench-history-'));
const dir = join(root, 'history');
try {
  const end = Date.now();
  const [, writeMs] = timed(() => {
    for (let i = 0; i < n; i += 5000) appendHistoryEvents(dir, Array.from({ length: Math.min(5000, n - i) }, (_, k) => event(i + k, n, end)), root);
  });
  const [, indexMs] = timed(() => {
    for (let start = Math.floor((end - DAY) / SEGMENT_MS) * SEGMENT_MS; start + SEGMENT_MS <= end; start += SEGMENT_MS) indexSegment(dir, start);
  });
  const base: HistoryQuery = { since: null, until: null, port: null, pid: null, text: null, limit: 1000 };
  const yesterday14 = end - DAY / 2;
  const queries: [string, HistoryQuery][] = [
    ['last hour, everything', { ...base, since: end - 3_600_000 }],
    ['port 3000, whole day', { ...base, port: 3000 }],
    ['pid 1000, whole day', { ...base, pid: 1000 }],
    ['port 3000 around one time (±30 min)', { ...base, port: 3000, since: yesterday14 - 1_800_000, until: yesterday14 + 1_800_000 }],
    ['text "service-7", whole day', { ...base, text: 'service-7' }],
  ];
  const results: HistoryBenchResult['queries'] = [];
  for (const [name, query] of queries) {
    const [first, coldMs] = timed(() => queryHistory(dir, query));
    const warmMs = Array.from({ length: runs }, () => timed(() => queryHistory(dir, query))[1]);
    results.push({ name, matches: first.events.length, coldMs, warmMs });
  }
  const { execFileSync } = await import('node:child_process');
  const storeBytes = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
  process.stdout.write(`${JSON.stringify({ events: n, storeBytes, writeMs, indexMs, queries: results } satisfies HistoryBenchResult)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
