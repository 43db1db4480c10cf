import { afterEach, describe, expect, it } from 'vitest';
import { Children } from '../owners/test-support/children.js';
import { windowsProgram } from '../owners/windows/system-programs.js';
import { standInRunner as standIn } from './test-support/stand-in-runner.js';
import { startServer } from './test-support/servers.js';
import { createWindowsSignaller, politeOutcome } from './windows-signaller.js';

const TASKKILL = windowsProgram('taskkill');
const children = new Children();
afterEach(() => children.stopAll());

describe('Windows signaller', () => {
  it('asks politely through System32\'s taskkill, after the identity check (stand-in taskkill)', async () => {
    const taskkill = standIn({ ok: true, code: 0, stdout: '', stderr: '', output: '' });
    const signaller = createWindowsSignaller(taskkill);
    expect(await signaller.send(34640, 'SIGTERM', () => 'same')).toBe('sent');
    expect(await signaller.send(34640, 'SIGTERM', () => 'different')).toBe('stale');
    expect(await signaller.send(34640, 'SIGTERM', () => 'gone')).toBe('gone');
    expect(taskkill.calls).toEqual([[TASKKILL, '/PID', '34640']]);
  });

  it('counts any refusal but "no such process" as a request sent, whatever language taskkill speaks (exit statuses)', async () => {
    // A console program (no window) and another user's process both make taskkill exit non-zero,
    // with text in the system's language: the forced step decides, after the wait.
    for (const code of [1, 255]) {
      const taskkill = standIn({ ok: true, code, stdout: '', stderr: '', output: '' });
      expect(await createWindowsSignaller(taskkill).send(34640, 'SIGTERM', () => 'same')).toBe('sent');
    }
    expect(politeOutcome(128)).toBe('gone');
    const missing = standIn({ ok: false, reason: 'not-found', message: 'spawn taskkill.exe ENOENT', output: '' });
    await expect(createWindowsSignaller(missing).send(34640, 'SIGTERM', () => 'same')).rejects.toThrow(/taskkill\.exe \/PID 34640 failed: spawn/);
  });

  it('forces through process.kill (TerminateProcess there), never taskkill\'s text: ends a server this test started', async () => {
    const server = await startServer(children);
    const ended = new Promise((resolve) => server.process.once('exit', resolve));
    const taskkill = standIn({ ok: true, code: 0, stdout: '', stderr: '', output: '' });
    const signaller = createWindowsSignaller(taskkill);
    expect(await signaller.send(server.pid, 'SIGKILL', () => 'same')).toBe('sent');
    await ended;
    expect(taskkill.calls).toEqual([]);
  });
});
