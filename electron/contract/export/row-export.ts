/**
 * Rows as the user exports or copies them (CSV, TSV, JSON), the same from the CLI and the app:
 * the row's fields in the order row-fields.ts declares them, then its first owner's name, user
 * and command line. Pure (no Node, no zod), so the page uses it too.
 */
import type { ProcessInfo, SocketRow } from '../model.js';
import { ROW_FIELDS, type RowField } from '../row-fields.js';
import { toCsv, type CsvValue } from './csv.js';

/** The columns of an exported row. */
export const ROW_EXPORT_COLUMNS: readonly string[] = [...ROW_FIELDS, 'processName', 'user', 'command'];

type ProcessOf = (pid: number) => ProcessInfo | undefined;

/** One row's cells, in ROW_EXPORT_COLUMNS order. */
export function rowCells(row: SocketRow, processOf: ProcessOf): CsvValue[] {
  const owner = row.pids[0] === undefined ? undefined : processOf(row.pids[0]);
  const cells: CsvValue[] = ROW_FIELDS.map((field: RowField) => {
    const value = row[field];
    return Array.isArray(value) ? value.join(' ') : (value as CsvValue);
  });
  cells.push(owner?.name ?? null, owner?.user ?? null, owner ? owner.argv.join(' ') : null);
  return cells;
}

/** Rows as CSV (RFC 4180, spreadsheet-safe: csv.ts). */
export function rowsToCsv(rows: Iterable<SocketRow>, processOf: ProcessOf): string {
  return toCsv(ROW_EXPORT_COLUMNS, (function* () {
    for (const row of rows) yield rowCells(row, processOf);
  })());
}

/** Rows as tab-separated lines (tabs and newlines inside a cell become spaces), for the clipboard. */
export function rowsToTsv(rows: Iterable<SocketRow>, processOf: ProcessOf, header = true): string {
  const clean = (value: CsvValue): string => (value === null || value === undefined ? '' : String(value).replace(/[\t\r\n]+/g, ' '));
  const lines = header ? [ROW_EXPORT_COLUMNS.join('\t')] : [];
  for (const row of rows) lines.push(rowCells(row, processOf).map(clean).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** One row with its first owner as `process` (an element of `list --json`), as indented JSON. */
export function rowToJson(row: SocketRow, owner: ProcessInfo | undefined): string {
  return JSON.stringify({ ...row, process: owner ?? null }, null, 2);
}

/** Rows as a JSON array, each with its first owner as `process` (the shape of `list --json`). */
export function rowsToJson(rows: Iterable<SocketRow>, processOf: ProcessOf): string {
  const out: (SocketRow & { process: ProcessInfo | null })[] = [];
  for (const row of rows) out.push({ ...row, process: row.pids[0] === undefined ? null : (processOf(row.pids[0]) ?? null) });
  return JSON.stringify(out, null, 2);
}
