// Settings through the UI: the dialog reads the backend's settings, validates what the user
// types, saves through setSettings, and an ignored port is then not notified about.
import { expect } from '@playwright/test';
import { test } from '../support/fixtures.js';
import { waitForData } from '../support/scenarios.js';

test.describe('settings', () => {
  test('the dialog saves notification rules that the backend then applies', async ({ app }) => {
    await waitForData(app);
    await app.getByTestId('open-settings').click();
    const dialog = app.getByTestId('settings-dialog');
    await expect(dialog).toBeVisible();

    // A bad port is refused with a message, and nothing is saved.
    await dialog.getByTestId('settings-ignored-ports').fill('5432, http');
    await dialog.getByTestId('settings-save').click();
    await expect(dialog.getByTestId('settings-error')).toContainText('“http” is not a port number');

    await dialog.getByTestId('settings-ignored-ports').fill('5432, 6379');
    await dialog.getByTestId('settings-ignored-processes').fill('chrome, code');
    await dialog.getByTestId('settings-loopback-only').check();
    await dialog.getByTestId('settings-save').click();
    await expect(dialog).toBeHidden();

    // What the backend now holds, read through the page's own transport.
    const saved = await app.evaluate(async () => {
      const result = await window.portlens!.getSettings({});
      return result.ok ? result.value.notifications : null;
    });
    expect(saved).toEqual({ enabled: true, loopbackOnly: true, ignoredPorts: [5432, 6379], ignoredProcesses: ['chrome', 'code'] });

    // Reopening shows the saved values.
    await app.getByTestId('open-settings').click();
    await expect(app.getByTestId('settings-ignored-ports')).toHaveValue('5432, 6379');
    await expect(app.getByTestId('settings-loopback-only')).toBeChecked();

    // The serve process is shared by this worker's tests: put the rules back.
    await app.evaluate(() =>
      window.portlens!.setSettings({ notifications: { loopbackOnly: false, ignoredPorts: [], ignoredProcesses: [] } }),
    );
  });
});
