import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../model.js';
import { Children } from '../owners/test-support/children.js';
import type { ActionDeps } from './deps.js';
import { previewRestart, restart } from './restart.js';
import { standInRunner as standIn } from './test-support/stand-in-runner.js';
import { isRunning, startServer, TempDirs } from './test-support/servers.js';
import { withService } from './test-support/stubs.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';
import { NOT_ELEVATED_EXIT, refusedForElevation, restartServiceCommand } from './windows-service.js';

/**
 * What non-elevated Windows PowerShell 5.1 prints when a service cannot be stopped (Windows 10), from
 * https://github.com/MicrosoftDocs/PowerShell-Docs reference/docs-conceptual/learn/ps101/01-getting-started.md
 * (commit afc83348479efec3a1f2c9a73ae1c9d9887944a5), its "Output" block, unedited.
 */
const NOT_ELEVATED = `Stop-Service : Service 'Windows Time (W32Time)' cannot be stopped due to
the following error: Cannot open W32Time service on computer '.'.
At line:1 char:1
+ Stop-Service -Name W32Time
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : CloseError: (System.ServiceProcess.ServiceCon
   troller:ServiceController) [Stop-Service], ServiceCommandException
    + FullyQualifiedErrorId : CouldNotStopService,Microsoft.PowerShell.Comm
   ands.StopServiceCommand`;

const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe('Windows service restart', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('puts only checked names in the Restart-Service script, run by System32\'s PowerShell', () => {
    const command = restartServiceCommand('AMD External Events Utility');
    expect(command?.slice(0, 4)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    expect(command?.[4]).toBe(
      "try { Restart-Service -Name 'AMD External Events Utility' -ErrorAction Stop } catch { if (-not (" +
        '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent())' +
        '.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator))) { exit 5 }; throw }',
    );
    for (const name of ["x'; Remove-Item C:\\ -Recurse; '", 'Spool*', 'a$(b)', '', 'naïve', 'a\nb']) expect(restartServiceCommand(name)).toBeNull();
  });

  it('decides "not an administrator" by the script\'s exit status, never by Windows\' (translated) text', () => {
    expect(refusedForElevation(NOT_ELEVATED_EXIT)).toBe(true);
    // An elevated PortLens whose restart failed: the script rethrows, powershell.exe exits 1.
    expect(refusedForElevation(1)).toBe(false);
  });

  it('restarts through Restart-Service (stand-in PowerShell), then waits for the ports', async () => {
    const server = await startServer(children);
    const powershell = standIn({ ok: true, code: 0, stdout: '', stderr: '', output: '' });
    const deps = withService(testDeps(temp.make(), { commands: powershell }), server.pid, { kind: 'windows-service', name: 'W32Time' });
    const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.method).toBe('windows-service');
    const result = await restart({ pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 }, deps);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.method).toBe('windows-service');
    expect(powershell.calls).toEqual([restartServiceCommand('W32Time')]);
  });

  it('says an administrator is needed when the script finds PortLens not elevated (stand-in PowerShell with the real message)', async () => {
    const server = await startServer(children);
    const powershell = standIn({ ok: true, code: NOT_ELEVATED_EXIT, stdout: '', stderr: NOT_ELEVATED, output: NOT_ELEVATED });
    const deps = withService(testDeps(temp.make(), { commands: powershell }), server.pid, { kind: 'windows-service', name: 'W32Time' });
    const result = await restart({ pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 }, deps);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('permission');
    expect(result.error.message).toMatch(/needs an administrator/);
    expect(result.error.detail).toMatch(new RegExp(`portlens restart --pid ${server.pid}$`));
  });

  it('reports a failure of an elevated restart as a failure, whatever its text says (stand-in PowerShell)', async () => {
    const server = await startServer(children);
    const powershell = standIn({ ok: true, code: 1, stdout: '', stderr: NOT_ELEVATED, output: NOT_ELEVATED });
    const deps = withService(testDeps(temp.make(), { commands: powershell }), server.pid, { kind: 'windows-service', name: 'W32Time' });
    const result = await restart({ pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 }, deps);
    expect(result.ok ? 'ok' : result.error.code).toBe('failed');
  });

  it('refuses to restart a plain process whose working directory Windows does not show, before stopping it (stand-in Windows reader)', async () => {
    const server = await startServer(children);
    const deps = testDeps(temp.make(), { selfUid: null });
    const hide = (info: ProcessInfo | null | undefined): ProcessInfo | null => (info ? { ...info, cwd: null, uid: null, user: '' } : null);
    const windowsLike: ActionDeps = {
      ...deps,
      snapshot: async () => {
        const snapshot = await deps.snapshot();
        const info = hide(snapshot.processes[String(server.pid)]);
        return info ? { ...snapshot, processes: { ...snapshot.processes, [String(server.pid)]: info } } : snapshot;
      },
      processes: { ...deps.processes, info: (pid) => hide(deps.processes.info(pid)) },
    };
    const result = await restart({ pid: server.pid, startTime: server.startTime, withoutEnvironment: true, timeoutMs: 5000 }, windowsLike);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/Windows does not show the working directory/);
    expect(result.error.code).toBe('unsupported');
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });
});
