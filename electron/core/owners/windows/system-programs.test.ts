import { describe, expect, it } from 'vitest';
import { NetstatCollector } from '../../collect/netstat/netstat-collector.js';
import { ALL_PROCESSES_SCRIPT, powershellCommand } from './powershell.js';
import type { SyncRunner } from './run-sync.js';
import { system32, systemRoot, windowsProgram } from './system-programs.js';
import { WindowsProcesses } from './windows-processes.js';

describe('Windows programs by absolute path (never a bare name Windows would look up in the current directory first)', () => {
  it('names each program under %SystemRoot%\\System32, C:\\Windows when unset or not an absolute drive path', () => {
    expect(windowsProgram('powershell', {})).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(windowsProgram('tasklist', { SystemRoot: 'D:\\WINNT\\' })).toBe(
      'D:\\WINNT\\System32\\tasklist.exe',
    );
    expect(windowsProgram('taskkill', { SYSTEMROOT: 'E:\\Win' })).toBe('E:\\Win\\System32\\taskkill.exe');
    for (const root of ['Windows', '.\\Windows', '\\\\server\\share', '\\Windows', ''])
      expect(system32({ SystemRoot: root })).toBe('C:\\Windows\\System32');
  });

  it('takes C:\\Windows whenever it holds a System32, whatever %SystemRoot% says (the environment is the user\'s to change)', () => {
    const windowsThere = (path: string) => path === 'C:\\Windows\\System32';
    expect(systemRoot({ SystemRoot: 'D:\\Mine' }, windowsThere)).toBe('C:\\Windows');
    expect(systemRoot({ SystemRoot: 'D:\\WINNT' }, () => false)).toBe('D:\\WINNT');
  });

  it('builds every argv PortLens runs on Windows with those paths (stand-in runner recording argv)', () => {
    const calls: string[][] = [];
    const recorder: SyncRunner = (argv) => (
      calls.push([...argv]),
      { status: 0, stdout: '', stderr: '', error: null }
    );
    new WindowsProcesses(recorder).startPoll();
    expect(calls.map((argv) => argv[0])).toEqual([windowsProgram('powershell'), windowsProgram('tasklist')]);
    expect(calls[0]).toEqual(powershellCommand(ALL_PROCESSES_SCRIPT));
    expect(calls.every((argv) => argv[0]?.startsWith(`${system32()}\\`))).toBe(true);
    expect(new NetstatCollector({ platform: 'win32' }).command).toBe(windowsProgram('netstat'));
    expect(new NetstatCollector({ platform: 'linux' }).command).toBe('netstat');
  });
});
