/**
 * Parser of Windows PowerShell 5.1's `Get-CimInstance Win32_Process | Select-Object … |
 * ConvertTo-Json`: an array of objects, or one bare object when a single process matched, or
 * nothing at all when none did. PowerShell 5.1 writes a datetime as `"\/Date(<epoch ms>)\/"`
 * (PowerShell 7 writes ISO text; PortLens runs powershell.exe, which is always 5.1).
 */
import { ParseError } from '../../model.js';

/** One process as Win32_Process describes it. */
export interface WindowsProcess {
  pid: number;
  /** The pid of the process that created it; Windows does not re-parent, so it may be gone or reused. */
  ppid: number | null;
  name: string | null;
  exe: string | null;
  commandLine: string | null;
  /** CreationDate as epoch ms: with the pid, the process's identity. Null when Windows gave none. */
  createdAt: number | null;
}

/** The processes read, and one warning per object that had to be skipped. */
export interface WindowsProcessResult {
  processes: WindowsProcess[];
  warnings: string[];
}

const WHAT = 'Win32_Process JSON';
/** `\/Date(1790077571033)\/` once JSON has unescaped it (a negative or offset form is not 5.1's). */
const DATE = /^\/Date\((\d{1,15})\)\/$/;

/** The processes in the output; throws ParseError when it is not JSON of objects at all. */
export function parseWin32Processes(text: string): WindowsProcessResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { processes: [], warnings: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new ParseError(WHAT, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length > 0 && !items.some(isObject))
    throw new ParseError(WHAT, 'no process object in the output');
  const processes: WindowsProcess[] = [];
  const warnings: string[] = [];
  const seen = new Set<number>();
  items.forEach((item, index) => {
    try {
      const found = readProcess(item);
      if (seen.has(found.pid)) throw new Error(`pid ${found.pid} listed twice`);
      seen.add(found.pid);
      processes.push(found);
    } catch (error) {
      warnings.push(`${WHAT} item ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { processes, warnings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readProcess(item: unknown): WindowsProcess {
  if (!isObject(item)) throw new Error('not an object');
  const pid = item['ProcessId'];
  if (!isPid(pid)) throw new Error(`ProcessId is not a pid: ${JSON.stringify(pid)}`);
  const ppid = optional(item, 'ParentProcessId', isPid, 'a pid');
  return {
    pid,
    ppid,
    name: optional(item, 'Name', isString, 'text'),
    exe: optional(item, 'ExecutablePath', isString, 'text'),
    commandLine: optional(item, 'CommandLine', isString, 'text'),
    createdAt: creationDate(item['CreationDate']),
  };
}

/** A field that may be absent (not selected) or null (Windows did not say), else must pass `check`. */
function optional<T>(item: Record<string, unknown>, key: string, check: (v: unknown) => v is T, kind: string): T | null {
  const value = item[key];
  if (value === undefined || value === null) return null;
  if (!check(value)) throw new Error(`${key} is not ${kind}: ${JSON.stringify(value)}`);
  return value;
}

function isPid(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function creationDate(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) throw new Error(`CreationDate is not \\/Date(ms)\\/: ${JSON.stringify(value)}`);
  return Number(match[1]);
}
