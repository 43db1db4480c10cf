// Accessibility audit with axe-core in Chromium: the table, the owner panel (each tab), the
// kill and settings dialogs and the empty state, in light and dark: no serious or critical
// violation of WCAG 2.x A/AA or axe's best practices.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type ServerPool } from '../support/fixtures.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The serious and critical violations on the page (or inside `include`), one line each. */
async function blocking(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  // The moderate and minor ones are listed in the report, not failed on.
  for (const v of violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical'))
    test.info().annotations.push({ type: 'axe', description: `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}` });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.impact} ${v.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ') ?? v.help}`));
}

/** Starts a server and shows its listener row (filtered to its port). */
async function showServer(app: Page, servers: ServerPool, label: string) {
  await waitForData(app);
  const server = await servers.start({ label });
  await setFilter(app, `:${server.port}`);
  const row = listenerRow(app, server.port);
  await expect(row).toBeVisible({ timeout: 30_000 });
  return { server, row };
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    // axe takes seconds per page on a loaded 2-core machine.
    test.setTimeout(240_000);

    test('the table, a new and a closing row, the empty state', async ({ app, servers }) => {
      await showServer(app, servers, 'axe-table');
      await setFilter(app, '');
      await expect(app.getByTestId('row').first()).toBeVisible();
      expect.soft(await blocking(app), 'the table').toEqual([]);

      // A new row (flashing) and, once its server stops, the same row closing: the tints are
      // drawn behind the text, which keeps its contrast.
      const fading = await servers.start({ label: 'axe-fading' });
      await setFilter(app, `:${fading.port}`);
      const fresh = listenerRow(app, fading.port);
      await expect(fresh).toHaveClass(/is-new/, { timeout: 30_000 });
      expect.soft(await blocking(app, '[data-testid="socket-table"]'), 'a new row').toEqual([]);
      const id = await fresh.getAttribute('data-row-id');
      await fading.stop();
      const closing = app.locator(`[data-testid="row"][data-row-id="${id}"]`);
      await expect(closing).toHaveAttribute('data-closing', 'true', { timeout: 30_000 });
      expect.soft(await blocking(app, '[data-testid="socket-table"]'), 'a closing row').toEqual([]);

      await setFilter(app, ':1-2');
      await expect(app.getByTestId('empty-state')).toBeVisible();
      expect.soft(await blocking(app), 'the empty state').toEqual([]);
    });

    test('the owner panel (each tab), the kill and settings dialogs, a toast, the message history', async ({ app, servers }) => {
      const { server, row } = await showServer(app, servers, 'axe-panel');
      await row.click();
      const panel = app.getByTestId('owner-panel');
      await expect(panel).toHaveAttribute('data-pid', String(server.pid));
      for (const tab of ['overview', 'sockets', 'logs'] as const) {
        await panel.getByTestId(`tab-${tab}`).click();
        await expect(panel.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
        await app.waitForTimeout(300);
        expect.soft(await blocking(app), `the owner panel's ${tab} tab`).toEqual([]);
      }

      await panel.getByTestId('kill-button').click();
      const kill = app.getByTestId('kill-dialog');
      await expect(kill.getByTestId('confirm-kill')).toBeEnabled();
      expect.soft(await blocking(app, '[data-testid="kill-dialog"]'), 'the kill dialog').toEqual([]);
      await kill.getByRole('button', { name: 'Cancel' }).click();
      await expect(kill).toBeHidden();

      await app.getByTestId('open-settings').click();
      const settings = app.getByTestId('settings-dialog');
      await expect(settings).toBeVisible();
      expect.soft(await blocking(app, '[data-testid="settings-dialog"]'), 'the settings dialog').toEqual([]);
      await app.keyboard.press('Escape');
      await expect(settings).toBeHidden();

      await app.getByTestId('copy-pid').click();
      const toast = app.getByTestId('toast').first();
      await expect(toast).toBeVisible();
      // Measured once it has faded in (mid-animation its text is still translucent).
      await toast.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      expect.soft(await blocking(app), 'a toast').toEqual([]);
      await app.getByTestId('open-toast-history').click();
      await expect(app.getByTestId('toast-history-list')).toBeVisible();
      expect.soft(await blocking(app, '[data-testid="toast-history"]'), 'the message history').toEqual([]);
      await app.keyboard.press('Escape');
    });
  });
}
