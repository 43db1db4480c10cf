import { describe, expect, it } from 'vitest';
import { standInRunner as standIn } from './test-support/stand-in-runner.js';
import { createWindowsSignaller, taskkillOutcome } from './windows-signaller.js';

/**
 * taskkill refusing a console program (a Python scanner) without /F on a real Windows machine, as
 * pasted in that project's development log ("`taskkill` without `/F` does not work on a console
 * process:"); found through the code index (file id 62931113539), which did not name the repository.
 */
const NEEDS_FORCE = `ERROR: The process with PID 34640 could not be terminated.
Reason: This process can only be terminated forcefully (with /F option).`;

describe('Windows signaller', () => {
  it('asks politely for SIGTERM and forces for SIGKILL, after the identity check (stand-in taskkill)', async () => {
    const taskkill = standIn({ ok: true, code: 0, stdout: 'SUCCESS', stderr: '', output: 'SUCCESS' });
    const signaller = createWindowsSignaller(taskkill);
    expect(await signaller.send(34640, 'SIGTERM', () => 'same')).toBe('sent');
    expect(await signaller.send(34640, 'SIGKILL', () => 'same')).toBe('sent');
    expect(await signaller.send(34640, 'SIGKILL', () => 'different')).toBe('stale');
    expect(await signaller.send(34640, 'SIGKILL', () => 'gone')).toBe('gone');
    expect(taskkill.calls).toEqual([['taskkill', '/PID', '34640'], ['taskkill', '/PID', '34640', '/F']]);
  });

  it('counts the real "only forcefully" refusal as a request the process ignored, so /F follows', () => {
    expect(taskkillOutcome(1, NEEDS_FORCE, ['taskkill', '/PID', '34640'])).toBe('sent');
    expect(taskkillOutcome(128, '', ['taskkill', '/PID', '1'])).toBe('gone');
    expect(() => taskkillOutcome(1, 'something else', ['taskkill', '/PID', '1'])).toThrow(/failed \(exit status 1\): something else$/);
  });
});
