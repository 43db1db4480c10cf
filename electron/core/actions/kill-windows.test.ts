// The Windows kill path when Windows cannot be asked: PowerShell (which cannot run here) is a
// stand-in that fails the way a blocked, missing or hung powershell.exe does. "Could not check"
// must never read as "it has already ended": the actions report an error and send nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { WindowsProcesses } from '../owners/windows/windows-processes.js';
import type { SyncRunner } from '../owners/windows/run-sync.js';
import { Children } from '../owners/test-support/children.js';
import { kill, previewKill } from './kill.js';
import { restart } from './restart.js';
import { standInRunner } from './test-support/stand-in-runner.js';
import { isRunning, startServer, TempDirs } from './test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';
import { createWindowsProcessReader } from './windows-process-reader.js';
import { createWindowsSignaller } from './windows-signaller.js';

const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

/** A stand-in powershell.exe that never answers: killed by the runner's timeout, as spawnSync reports it. */
const timedOut: SyncRunner = (argv) => ({
  status: null,
  stdout: '',
  stderr: '',
  error: `${argv[0]}: spawnSync ${argv[0]} ETIMEDOUT`,
});
/** A stand-in powershell.exe that exits 1 (a policy refused the script, Get-CimInstance failed). */
const refused: SyncRunner = () => ({ status: 1, stdout: '', stderr: '', error: null });

describe(
  'actions through the Windows reader when PowerShell fails (stand-in PowerShell and taskkill)',
  { timeout: ACTION_TEST_TIMEOUT_MS },
  () => {
    for (const [how, runner] of [
      ['times out', timedOut],
      ['exits 1', refused],
    ] as const) {
      it(`reports an error, not "already ended", and sends nothing, when PowerShell ${how}`, async () => {
        const server = await startServer(children);
        const taskkill = standInRunner({ ok: true, code: 0, stdout: '', stderr: '', output: '' });
        const deps = testDeps(temp.make(), {
          processes: createWindowsProcessReader(new WindowsProcesses(runner)),
          signaller: createWindowsSignaller(taskkill),
        });
        const target = { pid: server.pid, startTime: server.startTime };

        const preview = await previewKill({ kind: 'pid', ...target }, deps);
        expect(preview.ok ? 'ok' : [preview.error.code, preview.error.message]).toEqual([
          'internal',
          expect.stringMatching(/^kill preview failed: powershell\.exe failed \(/),
        ]);
        const killed = await kill({ processes: [target], force: false, timeoutMs: 300 }, deps);
        expect(killed.ok ? 'ok' : [killed.error.code, killed.error.message]).toEqual([
          'internal',
          expect.stringMatching(/^kill failed: powershell\.exe failed \(/),
        ]);
        const restarted = await restart({ ...target, withoutEnvironment: true, timeoutMs: 300 }, deps);
        expect(restarted.ok ? 'ok' : restarted.error.code).toBe('internal');

        expect(taskkill.calls).toEqual([]);
        expect(isRunning(server.pid, server.startTime)).toBe(true);
      });
    }
  },
);
