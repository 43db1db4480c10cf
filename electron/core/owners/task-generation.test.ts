import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseTaskGeneration, readTaskGeneration } from './task-generation.js';

describe('parseTaskGeneration', () => {
  it('takes the task count and the last pid, not the load or the running count', () => {
    expect(parseTaskGeneration('0.20 0.18 0.12 1/80 11206\n')).toBe('80 11206');
    expect(parseTaskGeneration('3.50 2.00 1.00 4/80 11206\n')).toBe('80 11206');
    expect(parseTaskGeneration('0.00 0.00 0.00 1/81 11206')).toBe('81 11206');
  });

  it('gives null for any other shape, so callers assume a change', () => {
    for (const text of ['', 'garbage', '0.20 0.18 0.12 80 11206\n', '0.20 0.18 0.12 1/80\n', '0.20 0.18 0.12 1/80 11206 extra\n']) {
      expect(parseTaskGeneration(text)).toBeNull();
    }
  });
});

describe('readTaskGeneration (real /proc/loadavg)', () => {
  it('reads a generation that moves when a child process is started and reaped', () => {
    const before = readTaskGeneration();
    expect(before).toMatch(/^\d+ \d+$/);
    expect(spawnSync(process.execPath, ['-e', '0']).status).toBe(0);
    expect(readTaskGeneration()).not.toBe(before);
  });

  it('moves when a thread is started', async () => {
    const before = readTaskGeneration();
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage(1)', { eval: true });
    await new Promise((resolve) => worker.once('message', resolve));
    expect(readTaskGeneration()).not.toBe(before);
    await worker.terminate();
  });
});
