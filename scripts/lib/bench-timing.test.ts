import { describe, expect, it } from 'vitest';
import { killRunning, timeAsync, timeCommand } from './bench-timing.mjs';

describe('timeCommand', () => {
  it('times a command that succeeds and, with capture, returns what it printed', async () => {
    const run = await timeCommand('sh', ['-c', 'echo out; echo err >&2'], { capture: true });
    expect(run.status).toBe('ok');
    if (run.status !== 'ok') return;
    expect(run.ms).toBeGreaterThan(0);
    expect(run.stdout).toBe('out\n');
    expect(run.stderr).toBe('err');
  });

  it('reports a failing command with its exit code and the tail of its stderr', async () => {
    const run = await timeCommand('sh', ['-c', 'echo "no such socket" >&2; exit 3'], { capture: true });
    expect(run).toMatchObject({ status: 'failed' });
    if (run.status === 'failed') expect(run.reason).toBe('exit 3: no such socket');
  });

  it('reports a missing tool as not installed instead of throwing', async () => {
    await expect(timeCommand('portlens-bench-no-such-tool', [])).resolves.toEqual({
      status: 'not-installed',
    });
  });

  it('killRunning stops the children it started (by their pid), which then report the signal', async () => {
    const pending = timeCommand('sleep', ['30']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    killRunning();
    const run = await pending;
    expect(run).toMatchObject({ status: 'failed', reason: 'exit SIGTERM' });
  });
});

describe('timeAsync', () => {
  it('returns the function result with a non-negative duration', async () => {
    const { ms, value } = await timeAsync(async () => 'done');
    expect(value).toBe('done');
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
