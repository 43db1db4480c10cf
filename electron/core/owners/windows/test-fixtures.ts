/** Test helpers: the captured fixtures of this folder, and output printed the way Windows prints it. */
import { readFileSync } from 'node:fs';
import type { WindowsProcess } from './win32-process-parse.js';

/** The capture as the command printed it, with Windows' CRLF line ends restored when asked. */
export function readCapture(name: string, lineEnd: '\n' | '\r\n' = '\n'): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .join(lineEnd);
}

/** Prints processes the way Windows PowerShell 5.1's ConvertTo-Json does (two spaces after the colon). */
export function powershell51(processes: readonly WindowsProcess[]): string {
  const one = (p: WindowsProcess): string =>
    [
      `    "ProcessId":  ${p.pid}`,
      `    "ParentProcessId":  ${p.ppid === null ? 'null' : p.ppid}`,
      `    "Name":  ${JSON.stringify(p.name)}`,
      `    "ExecutablePath":  ${JSON.stringify(p.exe)}`,
      `    "CommandLine":  ${JSON.stringify(p.commandLine)}`,
      `    "CreationDate":  ${p.createdAt === null ? 'null' : `"\\/Date(${p.createdAt})\\/"`}`,
    ].join(',\r\n');
  if (processes.length === 1 && processes[0]) return `{\r\n${one(processes[0])}\r\n}\r\n`;
  return `[\r\n${processes.map((p) => `{\r\n${one(p)}\r\n}`).join(',\r\n')}\r\n]\r\n`;
}

