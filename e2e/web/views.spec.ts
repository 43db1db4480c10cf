// The Processes and Timeline views against real servers: traffic per process, the history's
// events and "what was listening on this port at that time?", and the history's export.
import { readFile } from 'node:fs/promises';
import { expect, test } from '../support/fixtures.js';
import { waitForData } from '../support/scenarios.js';
import { upload } from '../support/upload.js';

test('Processes lists a process receiving an upload with its rate and sparkline; Show sockets filters to it', async ({
  app,
  servers,
}) => {
  const server = await servers.start({ label: 'busy process' });
  const stop = upload(server.port);
  try {
    await waitForData(app);
    await app.getByTestId('open-processes').click();
    const dialog = app.getByTestId('processes-dialog');
    const row = dialog.locator(`[data-testid="process-traffic-row"][data-pid="${server.pid}"]`);
    await expect(row.getByTestId('process-receive')).toHaveText(/^[\d.]+ (KiB|MiB)\/s$/, { timeout: 30_000 });
    await expect(row.locator('.sparkline__receive')).toHaveCount(1, { timeout: 15_000 });
    await row.getByRole('button', { name: `Show the sockets of node (pid ${server.pid})` }).click();
    await expect(dialog).toHaveCount(0);
    await expect(app.getByTestId('filter-input')).toHaveValue(`pid:${server.pid}`);
  } finally {
    stop();
    await app.getByTestId('filter-input').fill('');
  }
});

test('Timeline: a port search lists its listener opening and closing, says what listened, and exports', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  const server = await servers.start({ label: 'remembered' });
  await app.getByTestId('open-timeline').click();
  const dialog = app.getByTestId('timeline-dialog');
  await dialog.getByTestId('timeline-port').fill(String(server.port));
  const opened = dialog.locator(
    `[data-testid="timeline-row"][data-type="listen-opened"][data-port="${server.port}"][data-pid="${server.pid}"]`,
  );
  // The monitor writes the event at its next poll: search until it is there. An earlier test's
  // server may have had the same port: this server's events are told apart by pid.
  await expect(async () => {
    await dialog.getByTestId('timeline-search').click();
    await expect(opened).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(dialog.getByTestId('timeline-answer')).toContainText(
    new RegExp(`:${server.port} was node \\(pid ${server.pid}\\), listening since`),
  );

  await server.stop();
  const closed = dialog.locator(
    `[data-testid="timeline-row"][data-type="listen-closed"][data-port="${server.port}"][data-pid="${server.pid}"]`,
  );
  await expect(async () => {
    await dialog.getByTestId('timeline-search').click();
    await expect(closed).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(dialog.getByTestId('timeline-answer')).toContainText(
    `nothing was listening on port ${server.port}`,
  );

  const [download] = await Promise.all([
    app.waitForEvent('download'),
    dialog.getByTestId('timeline-export-json').click(),
  ]);
  const events = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    type: string;
    localPort: number;
    remotePort: number | null;
    pid: number;
  }[];
  expect(events.filter((e) => e.pid === server.pid).map((e) => e.type)).toEqual(
    expect.arrayContaining(['listen-opened', 'listen-closed']),
  );
  // Only the port's events: its listener's, and connections from or to it.
  expect(events.every((e) => e.localPort === server.port || e.remotePort === server.port)).toBe(true);
  const [csv] = await Promise.all([
    app.waitForEvent('download'),
    dialog.getByTestId('timeline-export-csv').click(),
  ]);
  const lines = (await readFile(await csv.path(), 'utf8')).trimEnd().split(/\r?\n/);
  expect(lines[0]).toMatch(/^time,type,protocol,family,localAddress,localPort,/);
  expect(lines.length).toBe(events.length + 1);
});
