// Screenshots of the keyboard focus states at 800, 1280 and 1920 px, light and dark, for a
// person to look at: the grid with a selected row and a focused sort button, a focused row-menu
// item, the owner panel's heading, the kill dialog's Cancel, a focused toast. They go to
// test-results/screenshots/a11y-focus-<width>-<scheme>-<state>.png.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { ROOT } from '../support/portlens-serve.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

const OUT = `${ROOT}test-results/screenshots`;
const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

for (const scheme of ['light', 'dark'] as const) {
  test(`focus states, ${scheme}`, async ({ app, servers }) => {
    test.setTimeout(180_000);
    await app.emulateMedia({ colorScheme: scheme });
    await waitForData(app);
    const server = await servers.start({ label: 'focus-shots' });
    await setFilter(app, `:${server.port}`);
    await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 30_000 });
    for (const size of SIZES) {
      await app.setViewportSize(size);
      const shoot = async (state: string) => {
        mkdirSync(OUT, { recursive: true });
        await app.screenshot({ path: `${OUT}/a11y-focus-${size.width}-${scheme}-${state}.png`, animations: 'disabled' });
      };
      await focusGridRow(app);
      await app.keyboard.press('Tab');
      await shoot('sort-button');

      await focusGridRow(app);
      await app.keyboard.press('Shift+F10');
      await expect(app.getByRole('menu')).toBeVisible();
      await app.keyboard.press('ArrowDown');
      await shoot('menu-item');
      await app.keyboard.press('Escape');

      await focusGridRow(app);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('panel-title')).toBeFocused();
      await shoot('panel-heading');

      await app.getByTestId('kill-button').focus();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-cancel')).toBeFocused();
      await shoot('kill-cancel');
      await app.keyboard.press('Escape');

      await app.getByTestId('copy-pid').focus();
      await app.keyboard.press('Enter');
      await app.getByTestId('toast-dismiss').first().focus();
      await shoot('toast');
      // Dismissed, focus goes back to the table, where Esc closes the panel.
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('socket-table')).toBeFocused();
      await app.keyboard.press('Escape');
      await expect(app.getByTestId('owner-panel')).toHaveCount(0);
    }
  });
}

/** Focuses the grid with the first row selected. */
async function focusGridRow(app: Page): Promise<void> {
  await app.getByTestId('filter-input').focus();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('socket-table')).toBeFocused();
}
