/**
 * Parser of `tasklist /svc`: which Windows services run in which process. The header words are
 * translated in other locales, but the `=====` line under them is not, and it gives the column
 * widths (image name, PID, services). A long service list wraps onto lines whose image and PID
 * columns are blank. `N/A` means no service. Any other line (an author's `...`) is reported.
 */
import { ParseError } from '../../model.js';

/** The command line this parser reads. */
export const TASKLIST_SERVICES_ARGS = ['/svc'] as const;

/** Services by pid (only processes hosting at least one), and one warning per unreadable line. */
export interface TasklistServicesResult {
  services: Map<number, string[]>;
  /** Each listed process's image name, cut to the column's width (25 characters) as tasklist prints it. */
  images: Map<number, string>;
  warnings: string[];
}

const WHAT = 'tasklist /svc';
const SEPARATOR = /^(=+) (=+) (=+)\s*$/;

/** The services of each process; throws ParseError when the output has no column line. */
export function parseTasklistServices(text: string): TasklistServicesResult {
  const lines = text.replace(/^\uFEFF/, '').replaceAll('\r', '').split('\n');
  const separatorAt = lines.findIndex((line) => SEPARATOR.test(line));
  if (separatorAt < 0) {
    if (lines.every((line) => line.trim() === '')) return { services: new Map(), images: new Map(), warnings: [] };
    throw new ParseError(WHAT, 'no ===== line under the column headers');
  }
  const [, image = '', pidColumn = ''] = SEPARATOR.exec(lines[separatorAt] ?? '') ?? [];
  const pidStart = image.length + 1;
  const servicesStart = pidStart + pidColumn.length + 1;
  const services = new Map<number, string[]>();
  const images = new Map<number, string>();
  const warnings: string[] = [];
  let current: number | null = null;
  const add = (pid: number, found: string[]): void => {
    if (found.length > 0) services.set(pid, [...(services.get(pid) ?? []), ...found]);
  };
  for (let i = separatorAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const row = readRow(line, pidStart, servicesStart);
    if (row === null || (row.pid === null && current === null)) {
      warnings.push(`${WHAT} line ${i + 1}: ${row === null ? 'not a process row' : 'continues no process'}: ${line.trim().slice(0, 160)}`);
      current = null;
      continue;
    }
    if (row.pid !== null) images.set(row.pid, row.image);
    current = row.pid ?? current;
    if (current !== null) add(current, row.names);
  }
  return { services, images, warnings };
}

/** A process row (image, pid and services), a continuation (pid null), or null for neither. */
function readRow(line: string, pidStart: number, servicesStart: number): { image: string; pid: number | null; names: string[] } | null {
  const head = line.slice(0, pidStart).trim();
  const pidText = line.slice(pidStart, servicesStart).trim();
  const rest = line.slice(servicesStart).trim();
  if (rest === '' || !/^\d*$/.test(pidText)) return null;
  if (pidText === '') return head === '' ? { image: '', pid: null, names: names(rest) } : null;
  const pid = Number(pidText);
  if (head === '' || !Number.isSafeInteger(pid)) return null;
  return { image: head, pid, names: rest === 'N/A' ? [] : names(rest) };
}

function names(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
