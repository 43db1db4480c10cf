/**
 * The store against real writer processes: one killed with SIGKILL while it writes (the store
 * reopens and every batch it finished is there), and two appending to one segment at once
 * (no record of either is torn or lost).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryEvent, type HistoryQuery } from '../../contract/history.js';
import { bundleEntry } from '../../test-support/bundle-entry.js';
import { appendHistoryEvents, queryHistory } from './history-store.js';
import { sampleEvent } from './test-support/history-events.js';

const ALL: HistoryQuery = { since: null, until: null, port: null, pid: null, text: null, limit: 1_000_000 };
let root: string;
let bundle: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portlens-history-crash-'));
  bundle = join(root, 'writer.mjs');
  await bundleEntry(new URL('./test-support/writer-entry.ts', import.meta.url), bundle);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Progress {
  batches: number;
  events: number;
}

/** Starts a writer child; `onProgress` sees each finished batch. */
function startWriter(dir: string, tag: string, batchSize: number, batches: number, onProgress: (p: Progress) => void) {
  const child = spawn(process.execPath, [bundle, dir, tag, String(batchSize), String(batches)], { stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => onProgress(JSON.parse(line) as Progress));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

/** The detail numbers each writer tag stored, in file order per tag. */
function storedByTag(dir: string): Map<string, number[]> {
  const byTag = new Map<string, number[]>();
  for (const event of queryHistory(dir, ALL, false).events.sort((a, b) => a.time - b.time)) {
    HistoryEvent.parse(event);
    const [tag, n] = (event.detail ?? '').split(':');
    if (!byTag.has(tag!)) byTag.set(tag!, []);
    byTag.get(tag!)!.push(Number(n));
  }
  return byTag;
}

describe('history store with real writer processes', () => {
  it('keeps every finished batch of a writer killed with SIGKILL mid-write, and reopens cleanly', async () => {
    const dir = join(root, 'killed', 'history');
    let last: Progress = { batches: 0, events: 0 };
    // Big batches (~0.5 MB per write): the kill lands inside a write most of the time.
    const { child, exited } = startWriter(dir, 'k', 5000, 0, (p) => (last = p));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => last.batches >= 5 && (clearInterval(timer), resolve()), 5);
    });
    child.kill('SIGKILL');
    await exited;
    const confirmed = last.events;
    // Another writer appends after whatever the killed one left at the end.
    appendHistoryEvents(dir, [sampleEvent(0, Date.now(), 1, 'after')]);

    const stored = storedByTag(dir);
    const killed = stored.get('k') ?? [];
    // Every batch the writer saw return is there, in order; at most the batch in flight is lost.
    expect(killed.slice(0, confirmed)).toEqual(Array.from({ length: confirmed }, (_, i) => i));
    expect(killed.length - confirmed).toBeLessThanOrEqual(5000);
    expect(stored.get('after')).toEqual([0]);
    // Reopening twice gives the same answer (nothing is repaired in place).
    expect(storedByTag(dir)).toEqual(stored);
  }, 60_000);

  it('two processes appending to one segment at once lose and tear nothing', async () => {
    const dir = join(root, 'shared', 'history');
    const a = startWriter(dir, 'a', 2000, 15, () => {});
    const b = startWriter(dir, 'b', 2000, 15, () => {});
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const result = queryHistory(dir, ALL, false);
    expect(result.damaged).toBe(0);
    const stored = storedByTag(dir);
    expect(stored.get('a')).toHaveLength(30_000);
    expect(stored.get('b')).toHaveLength(30_000);
    expect(new Set(stored.get('a')).size).toBe(30_000);
  }, 60_000);
});
