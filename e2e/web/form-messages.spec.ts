// Messages about what the user typed: the filter's problem is shown whole without squeezing the
// box, and the settings form names every wrong field at once.
import { expect, test } from '../support/fixtures.js';
import { waitForData } from '../support/scenarios.js';

test('a filter problem is shown whole, under the box, and the input keeps its width', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await waitForData(app);
  const input = app.getByTestId('filter-input');
  await input.fill('state:listen');
  const before = (await input.boundingBox())!.width;
  await input.fill('state:listening-or-whatever');
  const problem = app.getByTestId('filter-problem');
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('state:listening-or-whatever: state:');
  expect((await input.boundingBox())!.width).toBeCloseTo(before, 0);
  // Nothing is clipped: the message box is as wide as its text and inside the window.
  const clipped = await problem.evaluate(
    (el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().right > window.innerWidth,
  );
  expect(clipped).toBe(false);
  // Away from the box, the message folds into its icon, and its text stays in the tooltip.
  await input.blur();
  await expect(problem.locator('.filter__problem-text')).toHaveCSS('width', '1px');
  await expect(problem).toHaveAttribute('title', /state:/);
});

test('settings: every field that cannot be saved says why, all at once', async ({ app }) => {
  await waitForData(app);
  await app.getByTestId('open-settings').click();
  const dialog = app.getByTestId('settings-dialog');
  await dialog.getByTestId('settings-ignored-ports').fill('5432, http');
  await dialog.getByTestId('settings-poll').fill('0');
  await dialog.getByTestId('settings-kill-timeout').fill('soon');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog.getByTestId('settings-ignored-ports-error')).toHaveText(
    '“http” is not a port number (1–65535).',
  );
  await expect(dialog.getByTestId('settings-poll-error')).toHaveText('Refresh every 0.2 to 60 seconds.');
  await expect(dialog.getByTestId('settings-kill-timeout-error')).toHaveText(
    'Wait 0.1 to 120 seconds before forcing a kill.',
  );
  await expect(dialog.getByTestId('settings-error')).toContainText('3 fields need fixing');
  await expect(dialog.getByTestId('settings-poll')).toHaveAttribute('aria-invalid', 'true');
  // Fixing one leaves the others standing after the next try.
  await dialog.getByTestId('settings-poll').fill('1');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog.getByTestId('settings-poll-error')).toHaveCount(0);
  await expect(dialog.getByTestId('settings-error')).toContainText('2 fields need fixing');
  await expect(dialog).toBeVisible();
});
