// Several rows selected (Ctrl+click, Shift+arrows) and copied at once as TSV with the export's header.
import { connect } from 'node:net';
import { ROW_EXPORT_COLUMNS } from '../../electron/contract/export/row-export.js';
import { expect, test } from '../support/fixtures.js';
import { rows, setFilter, waitForData } from '../support/scenarios.js';

test('Ctrl+click and Shift+↓ select several rows; Ctrl+C and Copy put them on the clipboard as TSV', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url()).origin });
  const server = await servers.start({ label: 'several rows' });
  const client = connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  const clipboard = async () => (await app.evaluate(() => navigator.clipboard.readText())).split('\n');
  try {
    await setFilter(app, `:${server.port}`);
    // The listener, the accepted socket and the client's end.
    await expect(rows(app)).toHaveCount(3, { timeout: 30_000 });
    const [first, , third] = [rows(app).nth(0), rows(app).nth(1), rows(app).nth(2)];
    await first.click();
    await third.click({ modifiers: ['Control'] });
    await expect(app.getByTestId('marks-count')).toHaveText('2 rows selected');
    await expect(first).toHaveClass(/is-marked/);
    await expect(third).toHaveClass(/is-marked/);
    await app.getByTestId('socket-table').focus();
    await app.keyboard.press('Control+C');
    await expect(app.getByTestId('toasts')).toContainText('Copied 2 rows');
    const copied = await clipboard();
    expect(copied[0]).toBe(ROW_EXPORT_COLUMNS.join('\t'));
    expect(copied).toHaveLength(3);
    const ids = [await first.getAttribute('data-row-id'), await third.getAttribute('data-row-id')];
    expect(copied.slice(1).map((line) => line.split('\t')[ROW_EXPORT_COLUMNS.indexOf('id')])).toEqual(ids);

    // From the keyboard: a plain click clears the marks, Shift+↓ twice marks all three.
    await first.click();
    await expect(app.getByTestId('marks-count')).toHaveCount(0);
    await app.getByTestId('socket-table').focus();
    // Each press at a person's pace: the grid moves from the selection it last drew.
    await app.keyboard.press('Shift+ArrowDown');
    await expect(app.getByTestId('marks-count')).toHaveText('2 rows selected');
    await app.keyboard.press('Shift+ArrowDown');
    await expect(app.getByTestId('marks-count')).toHaveText('3 rows selected');
    await app.getByTestId('marks-copy').click();
    expect(await clipboard()).toHaveLength(4);
    await app.getByTestId('marks-clear').click();
    await expect(app.locator('.trow.is-marked')).toHaveCount(0);
  } finally {
    client.destroy();
  }
});
