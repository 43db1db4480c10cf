/**
 * Bundled (esbuild) and run as a child process by the history tests: appends batches of
 * events to the store at argv[2] as fast as it can, and after each write has returned prints
 * one JSON line `{ "batches": n, "events": total }`. The tests kill it mid-write (SIGKILL) or
 * run two at once. argv: <history dir> <tag> <batch size> [<batches>]
 */
import { appendHistoryEvents } from '../history-store.js';
import { sampleEvent } from './history-events.js';

const [dir = '', tag = 'w', batchText = '1000', batchesText = '0'] = process.argv.slice(2);
const batchSize = Number(batchText);
const maxBatches = Number(batchesText);
const start = Date.now();
let written = 0;
let batches = 0;

function step(): void {
  const events = Array.from({ length: batchSize }, (_, k) => sampleEvent(written + k, start, 0.01, tag));
  appendHistoryEvents(dir, events);
  written += batchSize;
  batches++;
  process.stdout.write(`${JSON.stringify({ batches, events: written })}\n`);
  if (maxBatches && batches >= maxBatches) return;
  setImmediate(step);
}
step();
