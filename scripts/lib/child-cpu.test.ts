import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childrenCpuMs, selfCpuMs } from './child-cpu.mjs';
import { timeCommand } from './bench-timing.mjs';

// A child that burns some CPU, then reports its own CPU use (process.cpuUsage) on stdout.
const BURN =
  'let x = 0; const end = Date.now() + 200; while (Date.now() < end) x += Math.sqrt(x + 1); const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';

describe('childrenCpuMs', () => {
  it('grows by at least the CPU a reaped child reports for itself', () => {
    const before = childrenCpuMs();
    expect(before).not.toBeNull();
    const child = spawnSync(process.execPath, ['-e', BURN], { encoding: 'utf8' });
    const after = childrenCpuMs();
    const reported = Number(child.stdout.trim());
    expect(reported).toBeGreaterThan(0);
    // getrusage also counts the child's start-up before the script ran, so it is never less.
    expect((after ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(reported - 1);
  });

  it('timeCommand reports the same child CPU with each run', async () => {
    const run = await timeCommand(process.execPath, ['-e', BURN], { capture: true });
    expect(run.status).toBe('ok');
    if (run.status !== 'ok') return;
    expect(run.cpuMs).toBeGreaterThanOrEqual(Number(run.stdout?.trim()) - 1);
  });
});

describe('selfCpuMs', () => {
  it('never goes backwards', () => {
    const first = selfCpuMs();
    let x = 0;
    for (let i = 0; i < 1e6; i++) x += i;
    expect(x).toBeGreaterThan(0);
    expect(selfCpuMs()).toBeGreaterThanOrEqual(first);
  });
});
