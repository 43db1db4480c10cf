// Remote names: a real loopback connection's remote shows its range label beside the address
// (from the names call); turning resolveNames off in Settings removes it; the history limits save.
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { expect, test } from '../support/fixtures.js';
import { rows, setFilter, waitForData } from '../support/scenarios.js';

test('the remote column names a loopback peer; Settings turns names off and saves the history limits', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  const server = await servers.start({ label: 'named peer' });
  const client = connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  try {
    await setFilter(app, `:${client.localPort!}`);
    const row = rows(app).filter({
      has: app.locator('.cell--local', { hasText: new RegExp(`:${client.localPort}$`) }),
    });
    const name = row.locator('.cell--remote').getByTestId('remote-name');
    await expect(name).toHaveAttribute('data-name', 'loopback', { timeout: 30_000 });
    await expect(name).toHaveAttribute('title', `127.0.0.1:${server.port} — loopback`);
    // Drawn beside the address (CSS), while the cell's text stays the address.
    expect(await name.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"loopback"');
    await expect(row.locator('.cell--remote')).toHaveText(`127.0.0.1:${server.port}`);

    await app.getByTestId('open-settings').click();
    const dialog = app.getByTestId('settings-dialog');
    await expect(dialog.getByTestId('settings-resolve-names')).toBeChecked();
    await dialog.getByTestId('settings-resolve-names').uncheck();
    await dialog.getByTestId('settings-history-days').fill('0');
    await dialog.getByTestId('settings-save').click();
    await expect(dialog.getByTestId('settings-error')).toContainText('Keep history 1 to 365 days');
    await dialog.getByTestId('settings-history-days').fill('3');
    await dialog.getByTestId('settings-history-megabytes').fill('64');
    await dialog.getByTestId('settings-save').click();
    await expect(dialog).toBeHidden();
    const saved = await app.evaluate(async () => {
      const result = await window.portlens!.getSettings({});
      return result.ok
        ? [result.value.resolveNames, result.value.historyMaxAgeDays, result.value.historyMaxMegabytes]
        : null;
    });
    expect(saved).toEqual([false, 3, 64]);
    // With names off, the call answers nothing and the label goes at the next ask.
    await expect(name).toHaveCount(0, { timeout: 10_000 });
  } finally {
    client.destroy();
    // The serve process is shared by this worker's tests: put the settings back.
    await app.evaluate(() =>
      window.portlens!.setSettings({ resolveNames: true, historyMaxAgeDays: 7, historyMaxMegabytes: 256 }),
    );
  }
});

/** A TCP service of /etc/services above 1023 whose port is free now, or null (no database). */
async function freeNamedPort(): Promise<{ port: number; name: string } | null> {
  let text: string;
  try {
    text = readFileSync('/etc/services', 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const match = /^([\w.+-]+)\s+(\d+)\/tcp\b/.exec(line);
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1024 || port > 49151) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return { port, name: match[1] };
  }
  return null;
}

test('a listening port shows its service name from the services database beside it', async ({ app, servers }) => {
  const named = await freeNamedPort();
  test.skip(named === null, 'no /etc/services here (netbase), or none of its registered TCP ports is free');
  const { port, name } = named!;
  await waitForData(app);
  const server = await servers.start({ label: 'named service', port });
  await setFilter(app, `:${server.port}`);
  const row = rows(app).filter({ has: app.locator('.cell--local', { hasText: new RegExp(`:${port}$`) }) });
  const service = row.locator('.cell--local').getByTestId('service-name');
  await expect(service).toHaveAttribute('data-name', name, { timeout: 30_000 });
  await expect(service).toHaveAttribute('title', `port ${port}/tcp: ${name} (services database)`);
  // The cell's text stays the address; the name is drawn beside it.
  await expect(row.locator('.cell--local')).toHaveText(`127.0.0.1:${port}`);
});
