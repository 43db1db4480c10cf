// Keyboard-only use (issue #17): no mouse anywhere in these tests. Sort from the column
// headers with a row selected, filter, open the owner panel (focus and an announcement follow),
// use its tabs and socket list, kill our own test server by its pid and read the result toast.
// Screenshots of the focus states go to test-results/screenshots/a11y-*.png.
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type ServerPool } from '../support/fixtures.js';
import { ROOT } from '../support/portlens-serve.js';
import { listenerRow, waitForData } from '../support/scenarios.js';

const OUT = `${ROOT}test-results/screenshots`;

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}/a11y-${name}.png`, animations: 'disabled' });
}

/** The focused element's data-testid, or its tag and text when it has none. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
  });
}

/** Presses Tab until the element with `testId` has focus; returns how many presses it took. */
async function tabTo(page: Page, testId: string, limit = 30): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === testId) return presses;
  }
  throw new Error(`${testId} not reached in ${limit} Tabs (focus on ${await focused(page)})`);
}

/** Filters the table to `port` from the keyboard, goes to the grid and selects the port's listener. */
async function filterTo(page: Page, port: number): Promise<void> {
  await page.keyboard.press('/');
  expect(await focused(page)).toBe('filter-input');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`:${port}`);
  await expect(listenerRow(page, port)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('socket-table');
  // Other sockets may share the port number (a client's ephemeral port): arrow down to ours.
  const row = listenerRow(page, port);
  await page.keyboard.press('Home');
  for (let i = 0; i < 10 && (await row.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
}

/** Starts a server, filters to it and opens its panel with Enter; focus is on the panel's heading. */
async function openPanelByKeyboard(app: Page, servers: ServerPool, label: string): Promise<void> {
  await waitForData(app);
  const server = await servers.start({ label });
  await filterTo(app, server.port);
  await app.keyboard.press('Enter');
  await expect.poll(() => focused(app)).toBe('panel-title');
}

test.describe('keyboard only', () => {
  test('sort, filter, open the panel, kill our own server and read the toast', async ({ app, servers }) => {
    await waitForData(app);
    const server = await servers.start({ label: 'keyboard-kill' });
    await filterTo(app, server.port);
    const row = listenerRow(app, server.port);
    await expect(row).toHaveAttribute('aria-selected', 'true');

    // Sort with a row selected: Tab to the "Proto" header; Enter sorts (and opens no panel).
    const proto = app.getByTestId('header-protocol');
    await expect(proto).toHaveAttribute('aria-sort', 'none');
    await app.keyboard.press('Tab');
    expect(await app.evaluate(() => document.activeElement?.closest('[role="columnheader"]')?.getAttribute('data-testid'))).toBe('header-protocol');
    await shoot(app, 'focus-sort-button');
    await app.keyboard.press('Enter');
    await expect(proto).toHaveAttribute('aria-sort', 'ascending');
    await expect(app.getByTestId('owner-panel')).toHaveCount(0);
    await app.keyboard.press('Space');
    await expect(proto).toHaveAttribute('aria-sort', 'descending');
    await expect(app.getByTestId('owner-panel')).toHaveCount(0);

    // Back to the grid; Enter opens the panel, with focus on its heading and an announcement.
    await app.keyboard.press('Shift+Tab');
    expect(await focused(app)).toBe('socket-table');
    await app.keyboard.press('Enter');
    const panel = app.getByTestId('owner-panel');
    await expect(panel).toHaveAttribute('data-pid', String(server.pid));
    await expect.poll(() => focused(app)).toBe('panel-title');
    await expect(app.getByTestId('announcer')).toContainText('Details of');
    await shoot(app, 'focus-panel-heading');

    // Kill is a few Tabs away; the dialog opens on Cancel.
    const presses = await tabTo(app, 'kill-button', 8);
    test.info().annotations.push({ type: 'measure', description: `Kill is ${presses} Tabs from the panel heading` });
    await app.keyboard.press('Enter');
    const dialog = app.getByTestId('kill-dialog');
    await expect(dialog.getByTestId('confirm-kill')).toBeEnabled();
    await expect.poll(() => focused(app)).toBe('confirm-cancel');
    await expect(dialog).toContainText(`pid ${server.pid}`);
    await shoot(app, 'focus-kill-cancel');
    await app.keyboard.press('Tab');
    expect(await focused(app)).toBe('confirm-kill');
    await app.keyboard.press('Enter');

    // The result toast says what ended; focus went back to where the dialog was opened from.
    const toast = app.getByTestId('toast').filter({ hasText: `pid ${server.pid}` });
    await expect(toast).toContainText(`Killed node (pid ${server.pid})`, { timeout: 30_000 });
    await expect(toast).toHaveAttribute('role', 'status');
    // Focus never falls to <body>: once the panel shows the process ended, Kill gives way to
    // "Start again", which takes the focus.
    await expect(app.getByTestId('panel-ended')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => focused(app)).toBe('start-again-button');
    await shoot(app, 'result-toast');
    await expect.poll(() => processAlive(server.pid), { timeout: 15_000 }).toBe(false);
  });

  test('the kill dialog keeps Tab inside it, both ways; kill and restart open on Cancel', async ({ app, servers }) => {
    await openPanelByKeyboard(app, servers, 'keyboard-tab-wrap');
    await tabTo(app, 'kill-button', 8);
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('kill-dialog').getByTestId('confirm-kill')).toBeEnabled();
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 8; i++) {
        await app.keyboard.press(key);
        const inside = await app.evaluate(() => !!document.activeElement?.closest('[data-testid="kill-dialog"]'));
        expect(inside, `${key} #${i + 1} left the dialog (focus on ${await focused(app)})`).toBe(true);
      }
    }
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('kill-dialog')).toHaveCount(0);
    expect(await focused(app)).toBe('kill-button');

    // The restart dialog opens on Cancel too: Enter right away restarts nothing.
    await app.keyboard.press('Shift+Tab');
    expect(await focused(app)).toBe('restart-button');
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('restart-dialog')).toBeVisible();
    await expect.poll(() => focused(app)).toBe('confirm-cancel');
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('restart-dialog')).toHaveCount(0);
    expect(await focused(app)).toBe('restart-button');
  });

  test('panel tabs follow the arrow keys; the Sockets tab works from the keyboard', async ({ app, servers }) => {
    await openPanelByKeyboard(app, servers, 'keyboard-tabs');
    await tabTo(app, 'tab-overview', 12);
    await app.keyboard.press('ArrowRight');
    await expect(app.getByTestId('tab-sockets')).toHaveAttribute('aria-selected', 'true');
    expect(await focused(app)).toBe('tab-sockets');
    await app.keyboard.press('End');
    expect(await focused(app)).toBe('tab-logs');
    await app.keyboard.press('ArrowRight');
    expect(await focused(app)).toBe('tab-overview');
    await app.keyboard.press('ArrowLeft');
    expect(await focused(app)).toBe('tab-logs');
    await app.keyboard.press('Home');
    await app.keyboard.press('ArrowRight');
    await shoot(app, 'focus-tab');

    // One Tab into the socket list; Enter on a row selects that socket in the table.
    await app.keyboard.press('Tab');
    const focusedRowId = await app.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row-id') ?? null);
    expect(focusedRowId).not.toBeNull();
    await shoot(app, 'focus-socket-row');
    await app.keyboard.press('Enter');
    await expect(app.locator(`[data-testid="row"][data-row-id="${focusedRowId}"]`)).toHaveAttribute('aria-selected', 'true');

    // F6 from the panel goes to the table, and back; Esc closes the panel.
    await app.getByTestId('panel-title').focus();
    await app.keyboard.press('F6');
    expect(await focused(app)).toBe('socket-table');
    await app.keyboard.press('F6');
    expect(await focused(app)).toBe('panel-title');
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('owner-panel')).toHaveCount(0);
    expect(await focused(app)).toBe('socket-table');
  });

  test('columns resize from the keyboard (Alt+←/→ on a header), announced', async ({ app }) => {
    await waitForData(app);
    const header = app.getByTestId('header-local');
    const width = () => header.evaluate((el) => el.getBoundingClientRect().width);
    const before = await width();
    await header.getByRole('button').focus();
    await app.keyboard.press('Alt+ArrowRight');
    await app.keyboard.press('Alt+ArrowRight');
    await expect.poll(width).toBe(before + 32);
    await expect(app.getByTestId('announcer')).toContainText(`Local address column ${before + 32} pixels wide`);
    await app.keyboard.press('Alt+ArrowLeft');
    await expect.poll(width).toBe(before + 16);
    // Put it back (prefs persist per origin).
    await app.keyboard.press('Alt+ArrowLeft');
    await expect.poll(width).toBe(before);
  });

  test('filtering is announced (debounced), and the empty state is outside the grid', async ({ app }) => {
    await waitForData(app);
    await app.keyboard.press('/');
    await app.keyboard.type('state:listen');
    await expect(app.getByTestId('announcer')).toContainText(/\d+ of [\d,]+ sockets match state:listen/);
    await app.keyboard.press('ControlOrMeta+a');
    await app.keyboard.type(':1-2');
    await expect(app.getByTestId('announcer')).toContainText('No sockets match :1-2');
    const empty = app.getByTestId('empty-state');
    await expect(empty).toBeVisible();
    expect(await empty.evaluate((el) => !!el.closest('[role="grid"]'))).toBe(false);
    await app.keyboard.press('Escape');
  });

  test('a closed socket says "closed" in its State cell', async ({ app, servers }) => {
    await waitForData(app);
    const server = await servers.start({ label: 'keyboard-closed' });
    await filterTo(app, server.port);
    const id = await listenerRow(app, server.port).getAttribute('data-row-id');
    const row = app.locator(`[data-testid="row"][data-row-id="${id}"]`);
    await server.stop();
    await expect(row).toHaveAttribute('data-closing', 'true', { timeout: 30_000 });
    await expect(row.locator('.cell--state')).toHaveText('closed');
  });
});

/** Whether a process we started still exists (its /proc entry; the child is reaped by us). */
function processAlive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}
