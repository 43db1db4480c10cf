// Toasts that can be read (issue #17) and that do not flood (issue #13, item 7): timers stop
// while pointed at or focused, errors stay until dismissed, a short history opens from the
// toolbar; a process opening 45 ports is one toast, a listener living under 2 s none, and no
// toast draws over a modal dialog. These pages do not grant notification permission, so port
// notifications arrive as toasts.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { startChild, type StartedChild } from '../support/child-process.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

/** A node child that opens `count` loopback listeners, `perTick` every 500 ms, and holds them. */
function portBurstScript(count: number, perTick: number): string {
  return `const net=require('net');let n=0;const open=()=>{for(let i=0;i<${perTick}&&n<${count};i++,n++){net.createServer().listen(0,'127.0.0.1')}if(n<${count})setTimeout(open,500);else console.log('OPENED')};open();setInterval(()=>{},1e6);`;
}

/** A node child whose listener lives 300 ms, then closes; it prints the port and stays. */
const SHORT_LIVED = `const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log('PORT '+s.address().port);setTimeout(()=>s.close(),300)});setInterval(()=>{},1e6);`;

const started: StartedChild[] = [];
async function child(script: string, ready: RegExp) {
  const result = await startChild(process.execPath, ['-e', script], ready, {});
  started.push(result.started);
  return result;
}
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

/** The app in a page that was not granted notification permission: notifications are toasts. */
async function openWithoutPermission(page: Page, url: string): Promise<Page> {
  await page.goto(url);
  await waitForData(page);
  return page;
}

test.describe('toasts', () => {
  test('a success toast waits while pointed at or focused, then goes', async ({ app, servers }) => {
    await waitForData(app);
    const server = await servers.start({ label: 'toast-pause' });
    await setFilter(app, `:${server.port}`);
    await listenerRow(app, server.port).click();
    await app.getByTestId('copy-pid').click();
    const toast = app.getByTestId('toast').filter({ hasText: 'Copied pid' });
    await expect(toast).toBeVisible();
    // 2.5 s is its time; pointing at it stops the clock.
    await toast.hover();
    await app.waitForTimeout(4_000);
    await expect(toast).toBeVisible();
    await app.mouse.move(5, 5);
    await expect(toast).toHaveCount(0, { timeout: 6_000 });

    await app.getByTestId('copy-pid').click();
    await expect(toast).toBeVisible();
    await toast.getByTestId('toast-dismiss').focus();
    await app.waitForTimeout(4_000);
    await expect(toast).toBeVisible();
    await app.getByTestId('filter-input').focus();
    await expect(toast).toHaveCount(0, { timeout: 6_000 });
  });

  test('an error toast stays until dismissed (clipboard stand-in that refuses), and the history keeps it', async ({ app, servers }) => {
    await waitForData(app);
    const server = await servers.start({ label: 'toast-error' });
    await setFilter(app, `:${server.port}`);
    await listenerRow(app, server.port).click();
    // Stand-in: a page where the clipboard is unavailable (both the async API and execCommand).
    await app.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
      document.execCommand = () => false;
    });
    await app.getByTestId('copy-command').click();
    const toast = app.getByTestId('toast').filter({ hasText: 'Could not copy command' });
    await expect(toast).toHaveAttribute('role', 'alert');
    await app.waitForTimeout(14_000);
    await expect(toast).toBeVisible();
    // Dismissed from the keyboard, focus does not fall to <body>.
    await toast.getByTestId('toast-dismiss').focus();
    await app.keyboard.press('Enter');
    await expect(toast).toHaveCount(0);
    await expect.poll(() => app.evaluate(() => document.activeElement !== document.body)).toBe(true);

    await app.getByTestId('open-toast-history').focus();
    await app.keyboard.press('Enter');
    const history = app.getByTestId('toast-history');
    await expect(history).toBeVisible();
    await expect(history.getByTestId('toast-history-list')).toContainText('Could not copy command');
    await app.keyboard.press('Escape');
    await expect(history).toHaveCount(0);
  });

  test('45 ports from one process are one toast; a listener living 300 ms none; none over a modal', async ({ page, portlens }) => {
    test.setTimeout(90_000);
    const app = await openWithoutPermission(page, portlens.url);
    const toasts = app.getByTestId('toast');

    // A listener that closes at once is not news.
    const short = await child(SHORT_LIVED, /PORT (\d+)/);
    const shortPort = Number(short.match[1]);

    // While the settings dialog is open, no toast is drawn (they wait behind it).
    await app.getByTestId('open-settings').click();
    await expect(app.getByTestId('settings-dialog')).toBeVisible();
    const burst = await child(portBurstScript(45, 5), /OPENED/);
    const key = `notify:pid:${burst.started.pid}`;
    let most = 0;
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      expect(await toasts.count(), 'a toast drawn while the modal is open').toBe(0);
      await app.waitForTimeout(250);
    }
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('settings-dialog')).toHaveCount(0);

    // Then: at most one toast for the process at any time, updated in place to the whole burst.
    // (Other processes on this shared machine may notify too and take the visible places.)
    const ours = app.locator(`[data-testid="toast"][data-key="${key}"]`);
    for (let i = 0; i < 12; i++) {
      most = Math.max(most, await toasts.count());
      expect(await ours.count()).toBeLessThanOrEqual(1);
      await app.waitForTimeout(250);
    }
    expect(most).toBeLessThanOrEqual(3);
    // The message history holds it once, as the whole burst.
    await app.getByTestId('open-toast-history').focus();
    await app.keyboard.press('Enter');
    const told = app.getByTestId('toast-history-list').locator(`[data-key="${key}"]`);
    await expect(told).toHaveCount(1, { timeout: 15_000 });
    await expect(told).toContainText('node opened 45 ports', { timeout: 20_000 });
    await expect(app.getByTestId('toast-history-list')).not.toContainText(`:${shortPort}`);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('toasts')).not.toContainText(`:${shortPort}`);
    await expect(listenerRow(app, shortPort)).toHaveCount(0);
  });
});
