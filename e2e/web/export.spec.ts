// Export: the visible rows (after the filter) downloaded as CSV and JSON, read back from the file.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ROW_EXPORT_COLUMNS } from '../../electron/contract/export/row-export.js';
import { expect, test } from '../support/fixtures.js';
import { listenerRow, rows, setFilter, waitForData } from '../support/scenarios.js';

async function exportAs(app: Page, format: 'csv' | 'json'): Promise<{ name: string; text: string }> {
  await app.getByTestId('export-menu').locator('summary').click();
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId(`export-${format}`).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('Export writes exactly the filtered rows: a CSV with the list --csv columns and a JSON array', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  const server = await servers.start({ label: 'exported' });
  await setFilter(app, `:${server.port} state:listen`);
  await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 30_000 });
  await expect(rows(app)).toHaveCount(1);

  const csv = await exportAs(app, 'csv');
  expect(csv.name).toMatch(/^portlens-sockets-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.csv$/);
  const lines = csv.text.trimEnd().split(/\r?\n/);
  expect(lines[0]).toBe(ROW_EXPORT_COLUMNS.join(','));
  expect(lines).toHaveLength(2);
  const cells = lines[1]!.split(',');
  expect(cells[ROW_EXPORT_COLUMNS.indexOf('localPort')]).toBe(String(server.port));
  expect(cells[ROW_EXPORT_COLUMNS.indexOf('pids')]).toContain(String(server.pid));

  const json = await exportAs(app, 'json');
  expect(json.name).toMatch(/\.json$/);
  const parsed = JSON.parse(json.text) as { localPort: number; state: string; pids: number[] }[];
  expect(parsed).toHaveLength(1);
  expect(parsed[0]).toMatchObject({ localPort: server.port, state: 'LISTEN' });
  expect(parsed[0]!.pids).toContain(server.pid);
  await expect(app.getByTestId('toasts')).toContainText('Exported 1 row as JSON');
});
