import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from './lib/bench-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// A PATH with ss and netstat (where this machine has them) but no lsof: the bench must say
// "not installed", not crash. unshare and ip stay, so (as root) the bench takes its usual
// private-namespaces path.
const bin = mkdtempSync(path.join(os.tmpdir(), 'portlens-bench-path-'));
for (const tool of ['/usr/bin/ss', '/usr/bin/netstat', '/usr/bin/unshare', '/usr/sbin/ip']) {
  if (existsSync(tool)) symlinkSync(tool, path.join(bin, path.basename(tool)));
}
/** Whether the bench's PATH has `tool`: without it, its rows must say "not installed". */
const onBenchPath = (tool: string): boolean => existsSync(path.join(bin, tool));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Pids of live processes whose environment carries `marker` (the bench and all it started). */
function processesMarked(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function runBench(args: string[], marker: string) {
  const child = spawn(process.execPath, ['scripts/bench.mjs', '--skip-build', '--no-save', ...args], {
    cwd: root,
    env: { ...process.env, PATH: bin, PORTLENS_BENCH_TEST: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('bench.mjs', () => {
  it(
    'at 300 sockets reports every tool (lsof: not installed), checks the targets, and leaves no child behind',
    { timeout: 180_000 },
    async () => {
      const marker = `portlens-bench-${process.pid}-${Date.now()}`;
      const bench = runBench(
        ['--scale', '300', '--runs', '1', '--ticks', '1', '--tick-gap', '0', '--json'],
        marker,
      );
      expect(await bench.exited, bench.stderr()).toBe(0);
      expect(processesMarked(marker)).toEqual([]);

      const results = JSON.parse(bench.stdout()) as BenchResults;
      expect(results.scales).toHaveLength(1);
      if (process.geteuid?.() === 0)
        expect(results.isolation).toMatch(/^private network, PID and mount namespaces/);
      const [scale] = results.scales;
      const tool = (id: string) => scale?.tools.find((t) => t.id === id);
      // The farm's 150 connections are 300 sockets; every tool that ran saw at least those.
      // node-netstat runs netstat.
      for (const [id, needs] of [
        ['ss-tanpi', 'ss'],
        ['ss-tan', 'ss'],
        ['netstat', 'netstat'],
        ['node-netstat-fresh-process', 'netstat'],
        ['node-netstat-in-process', 'netstat'],
      ] as const) {
        if (!onBenchPath(needs)) {
          expect(tool(id)?.status, id).toBe('not-installed');
          continue;
        }
        expect(tool(id)?.status, id).toBe('ok');
        expect(tool(id)?.rows, id).toBeGreaterThanOrEqual(300);
        expect(tool(id)?.runs, id).toBe(1);
      }
      expect(tool('lsof')?.status).toBe('not-installed');
      // PortLens rows exist whether or not the CLI and the monitor build here yet.
      expect(['ok', 'failed']).toContain(tool('portlens-cold')?.status);
      expect(['ok', 'failed']).toContain(tool('portlens-tick')?.status);
      expect(results.targets).toHaveLength(5);
    },
  );

  it(
    'on SIGINT stops its socket farm and the tool it was running, then exits 130',
    { timeout: 180_000 },
    async () => {
      const marker = `portlens-bench-int-${process.pid}-${Date.now()}`;
      const bench = runBench(['--scale', '300', '--runs', '500'], marker);
      await until(() => bench.stderr().includes('runs per tool'), 120_000);
      // The farm is up: the bench and its children are all marked.
      expect(processesMarked(marker).length).toBeGreaterThan(2);
      bench.child.kill('SIGINT');
      expect(await bench.exited).toBe(130);
      await until(() => processesMarked(marker).length === 0, 20_000);
    },
  );
});
