// A socket the kernel owns (TIME-WAIT) shows its last owner as history, greyed, with no Kill or
// Restart: a real client connects to a real server, closes first and exits.
import { test, expect } from '../support/fixtures.js';
import { startChild } from '../support/child-process.js';
import { rowsForPort, setFilter, waitForData } from '../support/scenarios.js';

/** Connects, stays long enough for PortLens to see its owner, closes first, exits once closed. */
const CLIENT = `
const socket = require('net').connect(Number(process.argv[1]), '127.0.0.1', () => {
  console.log('CONNECTED ' + socket.localPort);
  setTimeout(() => socket.end(), 2500);
});
socket.on('close', () => process.exit(0));
socket.resume();
`;

test('a TIME-WAIT row shows "was node (pid), exited", greyed, and offers no Kill or Restart', async ({ app, servers }, testInfo) => {
  await waitForData(app);
  const server = await servers.start({ label: 'time-wait' });
  const { started: client, match } = await startChild(process.execPath, ['-e', CLIENT, String(server.port)], /CONNECTED (\d+)/);
  const clientPort = Number(match[1]);
  try {
    await setFilter(app, `:${server.port}`);
    const row = rowsForPort(app, clientPort).and(app.locator('[data-state="TIME_WAIT"]'));
    await expect(row).toHaveCount(1, { timeout: 20_000 });
    await expect(row.locator('.cell--state')).toHaveText('TIME-WAIT');
    const owner = row.locator('.owner');
    // The CLI's words (its label and tooltip), set with the pid as live rows set it.
    await expect(owner).toHaveAttribute('aria-label', `was node (${client.pid}), exited`, { timeout: 10_000 });
    await expect(owner).toHaveText(`was node ${client.pid}, exited`);
    await expect(owner).toHaveClass(/owner--history/);
    await expect(owner).toHaveAttribute('title', /^was node \(\d+\), exited\nThe kernel owns this socket/);
    await app.screenshot({ path: testInfo.outputPath('time-wait-row.png') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('time-wait-row-dark.png') });
    await app.emulateMedia({ colorScheme: 'light' });

    // The row menu (from the keyboard) offers no Kill or Restart.
    await row.click({ button: 'right' });
    const menu = app.getByTestId('context-menu');
    await expect(menu).toBeVisible();
    await expect(menu.getByTestId('menu-kill')).toHaveAttribute('aria-disabled', 'true');
    await expect(menu.getByTestId('menu-restart')).toHaveAttribute('aria-disabled', 'true');
    await app.keyboard.press('Escape');

    // Nor does the panel.
    await row.click();
    const panel = app.getByTestId('owner-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('kill-button')).toBeDisabled();
    await expect(panel.getByTestId('restart-button')).toBeDisabled();
  } finally {
    await client.stop();
  }
});
