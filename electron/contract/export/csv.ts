/**
 * CSV as RFC 4180 writes it (comma, CRLF, quotes doubled), safe to open in a spreadsheet: a
 * cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so a
 * process name or command line cannot run as a formula (OWASP "CSV injection"). Numbers are
 * written as numbers, so a negative one is never mistaken for a formula.
 */

/** A cell's value; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Objects as CSV, one column per key of `columns`, in that order. */
export function objectsToCsv<T extends object>(columns: readonly (keyof T & string)[], items: Iterable<T>): string {
  const rows = (function* () {
    for (const item of items) yield columns.map((key) => cellOf(item[key]));
  })();
  return toCsv(columns, rows);
}

/** Arrays (argv, pids) are joined with spaces; other objects as JSON. */
function cellOf(value: unknown): CsvValue {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.join(' ');
  return JSON.stringify(value);
}
