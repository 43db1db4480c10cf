/**
 * The Windows programs PortLens runs, by absolute path under %SystemRoot%\System32. Windows looks
 * a bare name up in the current directory before PATH, so `tasklist` run from a downloads folder
 * could run a planted tasklist.exe; an absolute path cannot be redirected that way.
 */
import { existsSync } from 'node:fs';
import { win32 } from 'node:path';

/** Where Windows is installed when %SystemRoot% is unset or not an absolute drive path. */
const DEFAULT_ROOT = 'C:\\Windows';

/** A drive-absolute path (`C:\…`): a relative or UNC %SystemRoot% is not trusted. */
const DRIVE_ABSOLUTE = /^[A-Za-z]:\\/;

/**
 * Where Windows is: C:\Windows whenever it holds a System32, whatever %SystemRoot% says (a
 * user's environment may name a directory of their own, and an elevated PortLens would then run
 * its powershell.exe); %SystemRoot% only where C:\Windows is not Windows (installed elsewhere).
 */
export function systemRoot(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  if (exists(win32.join(DEFAULT_ROOT, 'System32'))) return DEFAULT_ROOT;
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? '';
  return DRIVE_ABSOLUTE.test(root) ? win32.normalize(root).replace(/\\+$/, '') : DEFAULT_ROOT;
}

/** %SystemRoot%\System32. */
export function system32(env: NodeJS.ProcessEnv = process.env): string {
  return win32.join(systemRoot(env), 'System32');
}

/** The programs by name; PowerShell 5.1 is the one in System32 (never PowerShell 7's pwsh). */
const PROGRAMS = {
  powershell: 'WindowsPowerShell\\v1.0\\powershell.exe',
  tasklist: 'tasklist.exe',
  taskkill: 'taskkill.exe',
  netstat: 'netstat.exe',
  cmd: 'cmd.exe',
} as const;

/** A Windows program PortLens runs. */
export type WindowsProgram = keyof typeof PROGRAMS;

/** The absolute path of `program`. */
export function windowsProgram(program: WindowsProgram, env: NodeJS.ProcessEnv = process.env): string {
  return win32.join(system32(env), PROGRAMS[program]);
}
