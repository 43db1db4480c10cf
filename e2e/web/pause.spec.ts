// Pause: the table stays still while a real server starts, the counter says what waits, resume applies it.
import { expect, test } from '../support/fixtures.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

test('pause holds a new listener back and counts it; resume shows it at once', async ({ app, servers }) => {
  await waitForData(app);
  const toggle = app.getByTestId('pause-toggle');
  const count = app.getByTestId('pause-count');
  await expect(toggle).toHaveAttribute('data-paused', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-paused', 'true');
  await expect(toggle).toHaveAccessibleName(/Resume/);
  await expect(count).toHaveText(/^Paused: /);

  const server = await servers.start({ label: 'held-back' });
  await setFilter(app, `:${server.port}`);
  // The listener exists, the stream reported it, and the frozen table does not show it.
  await expect(count).toHaveText(/Paused: .*\d+ opened/, { timeout: 30_000 });
  await app.waitForTimeout(1_500); // three polls at 500 ms: it would be on screen if not paused
  await expect(listenerRow(app, server.port)).toHaveCount(0);

  // Space resumes when focus is outside fields, buttons and the grid.
  await app.getByTestId('status-bar').click();
  await app.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('data-paused', 'false');
  await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 5_000 });
  await expect(count).toHaveText('Live updates resumed');
});

test('Space in the filter types a space; it does not pause', async ({ app }) => {
  await waitForData(app);
  const input = app.getByTestId('filter-input');
  await input.fill('');
  await input.focus();
  await app.keyboard.press('Space');
  await expect(input).toHaveValue(' ');
  await expect(app.getByTestId('pause-toggle')).toHaveAttribute('data-paused', 'false');
  await input.fill('');
});
