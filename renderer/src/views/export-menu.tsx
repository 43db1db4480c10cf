/** The toolbar's Export menu: the visible rows (after filters, in the table's order) as CSV or JSON. */
import { rowsToCsv, rowsToJson } from '@contract/export/row-export';
import { useRef } from 'react';
import { useServices } from '../app/app-context';
import { Icon } from '../ui/icons';
import { exportFileName, saveTextFile } from './save-file';
import './views.css';

/** The menu (a disclosure: Enter/Space opens it, Tab reaches its buttons). */
export function ExportMenu() {
  const { store, toasts } = useServices();
  const details = useRef<HTMLDetailsElement>(null);
  const save = (format: 'csv' | 'json') => {
    const rows = store.view.matchedRows(store.data);
    const processOf = (pid: number) => store.data.process(pid);
    const text = format === 'csv' ? rowsToCsv(rows, processOf) : rowsToJson(rows, processOf);
    saveTextFile(exportFileName('sockets', format), text, format === 'csv' ? 'text/csv' : 'application/json');
    toasts.push({
      kind: 'success',
      title: `Exported ${rows.length} row${rows.length === 1 ? '' : 's'} as ${format.toUpperCase()}`,
    });
    if (details.current) details.current.open = false;
  };
  return (
    <details className="menu-disclosure" ref={details} data-testid="export-menu">
      <summary
        className="button button--small"
        aria-label="Export"
        title="Export the visible rows (after filters) to a file"
      >
        <Icon name="external" size={14} /> <span className="menu-disclosure__label">Export</span>
      </summary>
      <div className="menu-disclosure__panel" role="group" aria-label="Export visible rows">
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => save('csv')}
          data-testid="export-csv"
        >
          Visible rows as CSV
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => save('json')}
          data-testid="export-json"
        >
          Visible rows as JSON
        </button>
      </div>
    </details>
  );
}
