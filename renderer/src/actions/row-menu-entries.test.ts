/** The row menu's copy entries give the same columns as `portlens list --csv` (TSV) and its JSON. */
import { describe, expect, it } from 'vitest';
import { ROW_EXPORT_COLUMNS } from '@contract/export/row-export';
import { makeProcess, makeRow } from '@contract/testing/factories';
import type { MenuEntry } from '../ui/context-menu';
import type { Actions } from './actions-context';
import { rowMenuEntries } from './row-menu-entries';

describe('row menu copy entries', () => {
  it('Copy row is one TSV line of the export columns; Copy as JSON is the row with its owner', () => {
    const owner = makeProcess({ pid: 42, name: 'node', user: 'dev', argv: ['node', 'server.js'] });
    const row = makeRow({ id: 'r', localPort: 3000, pids: [42], state: 'LISTEN' });
    const copied: [string, string][] = [];
    // A stand-in for the app's Actions: only `copy` is used by these entries.
    const actions = { copy: (text: string, what: string) => copied.push([text, what]) } as unknown as Actions;
    const entries = rowMenuEntries({ row, local: '127.0.0.1:3000', pid: 42, owner, target: null }, actions, {
      onShowDetails: () => {},
      onFilter: () => {},
    });
    const select = (id: string) =>
      entries.find((e): e is Exclude<MenuEntry, 'separator'> => e !== 'separator' && e.id === id)!.onSelect();
    select('copy-row');
    select('copy-json');
    const [tsv, json] = copied;
    expect(tsv![1]).toBe('row');
    const cells = tsv![0].split('\t');
    expect(cells).toHaveLength(ROW_EXPORT_COLUMNS.length);
    expect(cells[ROW_EXPORT_COLUMNS.indexOf('localPort')]).toBe('3000');
    expect(cells.slice(-3)).toEqual(['node', 'dev', 'node server.js']);
    expect(JSON.parse(json![0])).toEqual({ ...row, process: owner });
  });

  it('Close connection is offered for a TCP connection only, and opens its confirmation', () => {
    const opened: string[] = [];
    // A stand-in for the app's Actions: only `closeConnection` is used here.
    const actions = { closeConnection: (row: { id: string }) => opened.push(row.id) } as unknown as Actions;
    const ids = (row: ReturnType<typeof makeRow>) =>
      rowMenuEntries({ row, local: '', pid: undefined, owner: undefined, target: null }, actions, {
        onShowDetails: () => {},
        onFilter: () => {},
      });
    const connection = makeRow({
      id: 'c',
      protocol: 'tcp',
      state: 'ESTABLISHED',
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
    });
    const entry = ids(connection).find(
      (e): e is Exclude<MenuEntry, 'separator'> => e !== 'separator' && e.id === 'close-connection',
    );
    entry!.onSelect();
    expect(opened).toEqual(['c']);
    const listener = makeRow({
      id: 'l',
      protocol: 'tcp',
      state: 'LISTEN',
      remoteAddress: null,
      remotePort: null,
    });
    expect(ids(listener).some((e) => e !== 'separator' && e.id === 'close-connection')).toBe(false);
  });
});
