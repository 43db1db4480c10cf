// What the status bar counts and how grouping reads, against real servers in `portlens serve`.
import { expect, test } from '../support/fixtures.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

test('the status bar counts open sockets only, not closed rows fading out', async ({ app, servers }) => {
  await waitForData(app);
  const server = await servers.start({ label: 'counted' });
  await setFilter(app, `:${server.port}`);
  await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 30_000 });
  const status = app.getByTestId('status-rows');
  await expect(status).toHaveText(/^1 of [\d,]+ sockets shown$/);
  const id = await listenerRow(app, server.port).getAttribute('data-row-id');
  const row = app.locator(`[data-testid="row"][data-row-id="${id}"]`);
  await server.stop();
  // While the closed row still fades on screen, it is not counted.
  await expect(row).toHaveAttribute('data-closing', 'true', { timeout: 30_000 });
  await expect(status).toHaveText(/^0 of [\d,]+ sockets shown$/);
  await expect(row).toBeVisible();
});
