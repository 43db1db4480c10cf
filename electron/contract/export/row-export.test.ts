/** CSV, TSV and JSON of rows: quoting, spreadsheet-formula safety, and the columns' order. */
import { describe, expect, it } from 'vitest';
import { makeProcess, makeRow } from '../testing/factories.js';
import { ROW_FIELDS } from '../row-fields.js';
import { csvCell, objectsToCsv, toCsv } from './csv.js';
import { ROW_EXPORT_COLUMNS, rowsToCsv, rowsToJson, rowsToTsv } from './row-export.js';

describe('csv', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but writes negative numbers as numbers', () => {
    expect(['=1+1', '+cmd', '-x', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('joins arrays with spaces and writes other objects as JSON', () => {
    expect(objectsToCsv(['a', 'b'], [{ a: [1, 2], b: { k: 1 } }])).toBe('a,b\r\n1 2,"{""k"":1}"\r\n');
  });
});

describe('row export', () => {
  const owner = makeProcess({ pid: 42, name: 'node', user: 'dev', argv: ['node', 'server.js', '--port=3000'] });
  const rows = [
    makeRow({ id: 'a', localPort: 3000, pids: [42], state: 'LISTEN' }),
    makeRow({ id: 'b', localPort: 4000, pids: [], ownerReason: 'permission' }),
  ];
  const processOf = (pid: number) => (pid === 42 ? owner : undefined);

  it('has the row fields in declared order, then the owner columns', () => {
    expect(ROW_EXPORT_COLUMNS).toEqual([...ROW_FIELDS, 'processName', 'user', 'command']);
    const [header, first, second] = rowsToCsv(rows, processOf).split('\r\n');
    expect(header).toBe(ROW_EXPORT_COLUMNS.join(','));
    const cells = first!.split(',');
    expect(cells[ROW_FIELDS.indexOf('localPort')]).toBe('3000');
    expect(cells[ROW_FIELDS.indexOf('pids')]).toBe('42');
    expect(cells.slice(-3)).toEqual(['node', 'dev', 'node server.js --port=3000']);
    expect(second!.split(',').slice(-3)).toEqual(['', '', '']);
  });

  it('TSV has one line per row and no tab inside a cell; JSON carries the owner as `process`', () => {
    const tsv = rowsToTsv([rows[0]!], () => ({ ...owner, argv: ['a\tb', 'c\nd'] }), false);
    expect(tsv.trimEnd().split('\n')).toHaveLength(1);
    expect(tsv.split('\t')).toHaveLength(ROW_EXPORT_COLUMNS.length);
    expect(tsv.trimEnd().endsWith('a b c d')).toBe(true);
    const json = JSON.parse(rowsToJson(rows, processOf)) as { id: string; process: { pid: number } | null }[];
    expect(json.map((r) => [r.id, r.process?.pid ?? null])).toEqual([['a', 42], ['b', null]]);
  });
});
