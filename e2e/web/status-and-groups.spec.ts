// What the status bar counts and how grouping reads, against real servers in `portlens serve`.
import { connect } from 'node:net';
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

test('group by port: a port with one socket has no header; one with connections does', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  const server = await servers.start({ label: 'grouped' });
  await setFilter(app, `:${server.port}`);
  await app.getByTestId('group-by').selectOption('port');
  const header = app.locator(`[data-testid="group-row"][data-group-key=":${server.port}"]`);
  await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 30_000 });
  await expect(header).toHaveCount(0);
  // A client connection: the listener, the accepted socket and the client's end make a group.
  const client = connect(server.port, '127.0.0.1');
  try {
    await expect(header).toBeVisible({ timeout: 30_000 });
    await expect(header.locator('.group__count')).toHaveText('3');
  } finally {
    client.destroy();
    await app.getByTestId('group-by').selectOption('none');
  }
});
