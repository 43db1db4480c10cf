/**
 * How PortLens runs Windows PowerShell: powershell.exe (always 5.1, whose JSON the parsers read),
 * without the user's profile or prompts, with a fixed script. Values never go into a script's
 * text: a script reads them from the environment, as typed values (`[int]$env:…`).
 */
import { windowsProgram } from './system-programs.js';

/** argv running `script`. */
export function powershellCommand(script: string): string[] {
  return [windowsProgram('powershell'), '-NoProfile', '-NonInteractive', '-Command', script];
}

/** Output as UTF-8, whatever the console's code page (a Chinese path would otherwise be mangled). */
const UTF8 = '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ';

/** The Win32_Process fields parseWin32Processes reads. */
const FIELDS = 'ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine,CreationDate';

/** Every process. */
export const ALL_PROCESSES_SCRIPT = `${UTF8}Get-CimInstance Win32_Process | Select-Object ${FIELDS} | ConvertTo-Json`;

/** The environment variable ONE_PROCESS_SCRIPT reads the pid from. */
export const PID_VARIABLE = 'PORTLENS_PID';

/** The process whose pid is in PORTLENS_PID (nothing when there is none). */
export const ONE_PROCESS_SCRIPT = `${UTF8}Get-CimInstance Win32_Process -Filter ("ProcessId=" + [uint32]$env:${PID_VARIABLE}) | Select-Object ${FIELDS} | ConvertTo-Json`;
