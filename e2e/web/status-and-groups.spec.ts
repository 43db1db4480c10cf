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

test('"Open for" says what is known: ≥ for a socket open before PortLens started, exact for one it saw open', async ({
  app,
  servers,
  portlens,
}) => {
  await waitForData(app);
  await expect(app.getByTestId('header-age').locator('.hcell__label')).toHaveText('Open for');
  // `portlens serve` listened before its monitor's first poll: its age is only a lower bound.
  await setFilter(app, `:${portlens.port} state:listen`);
  const own = app.locator('[data-testid="row"] .cell--age span').first();
  await expect(own).toHaveText(/^≥ \d/);
  await expect(own).toHaveAttribute(
    'title',
    /^Open before PortLens started .*; at most since its owner started/,
  );

  const server = await servers.start({ label: 'young' });
  await setFilter(app, `:${server.port}`);
  const cell = listenerRow(app, server.port).locator('.cell--age span');
  await expect(cell).toHaveText(/^\d+s$/, { timeout: 30_000 });
  await expect(cell).toHaveAttribute('title', /^Opened at .* \(PortLens saw it open\)$/);
  await listenerRow(app, server.port).click();
  await expect(app.getByTestId('socket-open-for')).toContainText('(opened ');
});
