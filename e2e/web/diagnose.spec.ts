// The Diagnose box, the owner panel's Diagnose button and the Exposed view, in the real app
// against `portlens serve`, on a real family mismatch: an HTTP server on ::1 asked at 127.0.0.1.
// Screenshots of each at 800, 1280 and 1920 px, light and dark, go to test-results/screenshots.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { ROOT } from '../support/portlens-serve.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

const OUT = `${ROOT}test-results/screenshots`;

async function shootAll(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [800, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${OUT}/${name}-${width}-${colorScheme}.png`, animations: 'disabled' });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('diagnose in browser mode', () => {
  test('Ctrl+K diagnoses 127.0.0.1:PORT of a server on ::1: family mismatch, with a way to reach it', async ({ app, servers }) => {
    const server = await servers.start({ host: '::1', label: 'v6-only api' });
    await waitForData(app);
    await app.keyboard.press('Control+k');
    const box = app.getByTestId('diagnose-dialog');
    await expect(box).toBeVisible();
    await expect(app.getByTestId('diagnose-input')).toBeFocused();
    await app.getByTestId('diagnose-input').fill(`127.0.0.1:${server.port}`);
    await app.keyboard.press('Enter');
    const report = app.getByTestId('diagnose-report');
    await expect(report).toHaveAttribute('data-verdict', 'family-mismatch', { timeout: 15_000 });
    await expect(app.getByTestId('diagnose-verdict')).toContainText('Wrong IP family');
    await expect(app.getByTestId('diagnose-listener')).toContainText(`[::1]:${server.port}`);
    await expect(app.getByTestId('diagnose-listener')).toContainText('IPv6 loopback only');
    await expect(app.getByTestId('diagnose-findings')).toContainText(`pid ${server.pid}`);
    const steps = app.getByTestId('diagnose-steps');
    await expect(steps).toContainText(`Connect to [::1]:${server.port}`);
    // The server speaks HTTP, so "connect there" is an Open link; Restart and Logs are its owner's.
    await expect(steps.getByTestId('step-open')).toBeVisible();
    await expect(steps.getByTestId('step-restart')).toBeVisible();
    await shootAll(app, 'diagnose');
    // The Restart step opens the existing restart preview for that process.
    await steps.getByTestId('step-restart').click();
    await expect(app.getByTestId('restart-dialog')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('restart-dialog')).toHaveCount(0);
    await app.keyboard.press('Escape');
    await expect(box).toHaveCount(0);
  });

  test("the owner panel explains the port and its Diagnose button diagnoses the row's address", async ({ app, servers }) => {
    const server = await servers.start({ host: '::1', label: 'panel api' });
    await waitForData(app);
    await setFilter(app, `:${server.port}`);
    await listenerRow(app, server.port).click();
    const facts = app.getByTestId('port-facts');
    await expect(facts).toContainText('::1 is IPv6 loopback');
    await shootAll(app, 'panel-port-facts');
    await facts.getByTestId('panel-diagnose').click();
    await expect(app.getByTestId('diagnose-report')).toHaveAttribute('data-verdict', 'reachable', { timeout: 15_000 });
    await expect(app.getByTestId('diagnose-input')).toHaveValue(`[::1]:${server.port}`);
  });

  test('the Exposed view lists a wildcard listener with its reach and firewall verdict', async ({ app, servers }) => {
    const server = await servers.start({ host: '0.0.0.0', label: 'exposed dev server' });
    await waitForData(app);
    await app.getByTestId('open-exposed').click();
    const row = app.getByTestId('exposed-row').and(app.locator(`[data-port="${server.port}"]`));
    await expect(row).toContainText('all IPv4 interfaces', { timeout: 15_000 });
    await expect(row).toContainText(`pid ${server.pid}`);
    await expect(app.getByTestId('exposed-summary')).toContainText('reachable from the network');
    await shootAll(app, 'exposed');
  });
});

test('the Unused ports view answers with its tracking window and a threshold to choose', async ({ app }) => {
  await waitForData(app);
  await app.getByTestId('open-idle').click();
  await expect(app.getByTestId('idle-summary')).toContainText('Tracking since', { timeout: 15_000 });
  await app.getByTestId('idle-threshold').selectOption('5');
  await expect(app.getByTestId('idle-summary')).toContainText('for 5 min');
});
