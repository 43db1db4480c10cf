// When `portlens serve` stops and a new one starts, the page stops saying "Reconnecting…": it
// says the server has gone, then, once the new one (on the same, remembered port) refuses its
// token, that the URL serve printed must be opened. Two real serve processes, one data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.js';
import { startPortlensServe, type PortlensServe } from '../support/portlens-serve.js';
import { waitForData } from '../support/scenarios.js';

test('a stopped serve is reported as gone, and a new serve on the remembered port as a stale token', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'portlens-e2e-restart-'));
  let second: PortlensServe | null = null;
  try {
    const first = await startPortlensServe(500, { dataDir, port: null });
    await page.goto(first.url);
    await waitForData(page);

    await first.stop();
    const banner = page.getByTestId('disconnected-banner');
    await expect(banner).toHaveAttribute('data-connection', 'gone', { timeout: 30_000 });
    await expect(banner).toContainText(`The PortLens server at 127.0.0.1:${first.port} has stopped`);
    await expect(banner).toContainText('open the URL it prints');
    await page.screenshot({ path: testInfo.outputPath('server-gone.png') });
    await page.setViewportSize({ width: 800, height: 600 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: testInfo.outputPath('server-gone-800-dark.png') });

    // serve again, without --port: the port it used last is free, so it takes it again.
    second = await startPortlensServe(500, { dataDir, port: null });
    expect(second.port).toBe(first.port);
    await expect(banner).toHaveAttribute('data-connection', 'stale', { timeout: 30_000 });
    await expect(banner).toContainText('open the URL it printed this time');
    await expect(page.getByTestId('retry-connection')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('token-stale.png') });
  } finally {
    await second?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
