// `bench.mjs --history`: bundles scripts/lib/bench-history.ts, runs it in a fresh process and
// prints its timings as a Markdown table (or JSON). Target: a time/port/process query over a
// day of ≥ 1,000,000 events answers in ≤ 100 ms.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { median } from './bench-stats.mjs';

const TARGET_MS = 100;

/**
 * @param {{ root: string; events: number; runs: number; json: boolean; log: (line: string) => void }} options
 */
export async function runHistoryBench({ root, events, runs, json, log }) {
  const outfile = path.join(root, 'dist/bench/history-bench.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['scripts/lib/bench-history.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['koffi'],
    logLevel: 'silent',
  });
  log(`history: writing ${events.toLocaleString('en')} events over 24 hours, then ${runs} runs per query`);
  const run = spawnSync(process.execPath, [outfile, String(events), String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`history bench failed: ${run.stderr || run.error?.message}`);
  /** @type {{ events: number; storeBytes: number; writeMs: number; indexMs: number; queries: { name: string; matches: number; coldMs: number; warmMs: number[] }[] }} (bench-history.ts's HistoryBenchResult) */
  const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const ms = (/** @type {number} */ value) => value.toFixed(1);
  const lines = [
    `**History store: ${result.events.toLocaleString('en')} events over 24 h** (${(result.storeBytes / 1048576).toFixed(0)} MiB on disk; written in ${ms(result.writeMs / 1000)} s, finished hours indexed in ${ms(result.indexMs)} ms)`,
    '',
    '| query (newest 1,000 matches) | matches | first ms | median ms | ≤ 100 ms |',
    '|---|--:|--:|--:|:-:|',
    ...result.queries.map((q) => {
      const warm = median(q.warmMs);
      const counted = !q.name.startsWith('text');
      return `| ${q.name} | ${q.matches} | ${ms(q.coldMs)} | ${ms(warm)} | ${counted ? (warm <= TARGET_MS ? 'yes' : 'no') : 'n/a'} |`;
    }),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
