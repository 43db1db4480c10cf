/**
 * User scenarios shared by the web and electron projects: each takes the app's Page and
 * helpers that start real processes, so the same steps run against `portlens serve` in
 * Chromium and against the Electron window.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { connect, createServer } from 'node:net';
import type { HttpServerChild, HttpServerOptions } from './http-servers.js';
import { notificationsShown, type ShownNotification } from './notification-spy.js';

/** What a scenario may do besides driving the page. */
export interface ScenarioHelpers {
  /** Starts a real HTTP server child; the caller's fixture stops it after the test. */
  startServer(options?: HttpServerOptions): Promise<HttpServerChild>;
  /** Records a measurement or note in the test's output. */
  log(line: string): void;
}

/**
 * The target: a new listener's row shows within 2 s (the app polls every 500 ms in tests).
 * Tests do not assert timings (a loaded CI machine is not a benchmark): the latency is logged,
 * flagged when over target, and only a hang fails.
 */
export const ROW_APPEARS_TARGET_MS = 2_000;
/** Generous limits for the heavy scenarios on a loaded 2-core machine. */
const SLOW_MS = 30_000;

/** Every rendered row of the socket table. */
export function rows(page: Page): Locator {
  return page.getByTestId('row');
}

/** Rendered rows whose local or remote endpoint is on `port`. */
export function rowsForPort(page: Page, port: number, where: 'local' | 'any' = 'local'): Locator {
  const endpoint = new RegExp(`:${port}$`);
  const cells = where === 'local' ? page.locator('.cell--local', { hasText: endpoint }) : page.locator('.cell--local, .cell--remote', { hasText: endpoint });
  return rows(page).filter({ has: cells });
}

/** The listening row of a server (LISTEN state, local port). */
export function listenerRow(page: Page, port: number): Locator {
  // A listener that just closed on the same port (an earlier test's server) fades out for a
  // few seconds: it is not the one we look for.
  return rowsForPort(page, port).and(page.locator('[data-state="LISTEN"]:not([data-closing="true"])'));
}

/** Types a filter into the quick-filter box (replacing what was there). */
export async function setFilter(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('filter-input');
  await input.fill(text);
  await expect(input).toHaveValue(text);
}

/** Waits until the app shows live data (the first snapshot is on screen). */
export async function waitForData(page: Page, timeout = SLOW_MS): Promise<void> {
  try {
    await expect(page.getByTestId('app')).toBeVisible({ timeout });
  } catch (error) {
    // Say what the page shows instead (a startup error, a 401, a missing build).
    const shown = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`the app did not start; the page shows: ${shown.slice(0, 500)}`, { cause: error });
  }
  await expect(page.getByTestId('status-rows')).toContainText(/\d/, { timeout });
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout });
}

/** The first number in a text, thousands separators and all ("20,000 sockets" → 20000). */
export function firstNumber(text: string | null): number {
  const match = /\d[\d,.\u00a0\u202f]*/.exec(text ?? '');
  return match ? Number(match[0].replace(/\D/g, '')) : 0;
}

/** A loopback TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A new server's row appears within 2 s with its pid and process name. The filter narrows the
 * table to the port first, so the row cannot be hidden below the fold of a busy machine.
 */
export async function scenarioNewServerAppears(page: Page, helpers: ScenarioHelpers): Promise<HttpServerChild> {
  await waitForData(page);
  const port = await freePort();
  await setFilter(page, `:${port}`);
  await expect(listenerRow(page, port)).toHaveCount(0);
  const server = await helpers.startServer({ port, label: 'appears' });
  const startedAt = Date.now();
  const row = listenerRow(page, port);
  await expect(row).toBeVisible({ timeout: SLOW_MS });
  const latency = Date.now() - startedAt;
  helpers.log(`new listener :${port} on screen ${latency} ms after it listened${latency > ROW_APPEARS_TARGET_MS ? ` (OVER the ${ROW_APPEARS_TARGET_MS} ms target)` : ''}`);
  await expect(row.locator('.cell--process .owner__name')).toHaveText('node');
  await expect(row.locator('.cell--process .owner__pid')).toHaveText(String(server.pid));
  return server;
}

/** Clicking a server's row opens the owner panel with its command line and directory. */
export async function scenarioOwnerPanel(page: Page, helpers: ScenarioHelpers): Promise<void> {
  await waitForData(page);
  const server = await helpers.startServer({ label: 'owner-panel' });
  await setFilter(page, `:${server.port}`);
  const row = listenerRow(page, server.port);
  await expect(row).toBeVisible({ timeout: SLOW_MS });
  await row.click();
  const panel = page.getByTestId('owner-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-pid', String(server.pid));
  const command = panel.getByTestId('process-command');
  for (const arg of server.argv) await expect(command).toContainText(arg);
  await expect(panel.getByTestId('process-facts')).toContainText(server.cwd);
}

/**
 * `:PORT` shows that port's rows only: the listener and both ends of a live connection to it,
 * and nothing of another server.
 */
export async function scenarioFilterByPort(page: Page, helpers: ScenarioHelpers): Promise<void> {
  await waitForData(page);
  const [target, other] = await Promise.all([helpers.startServer({ label: 'filter-target' }), helpers.startServer({ label: 'filter-other' })]);
  const connection = await holdConnection(target.port);
  try {
    await setFilter(page, `:${target.port}`);
    // Listener + server end + client end of the held connection.
    await expect(rowsForPort(page, target.port, 'any').and(page.locator(':not([data-closing])'))).toHaveCount(3, { timeout: SLOW_MS });
    const shown = rows(page);
    const count = await shown.count();
    for (let i = 0; i < count; i++) {
      const text = (await shown.nth(i).locator('.cell--local, .cell--remote').allTextContents()).join(' ');
      expect(text, `row ${i}`).toContain(`:${target.port}`);
    }
    await expect(rowsForPort(page, other.port, 'any')).toHaveCount(0);
    await expect(page.getByTestId('status-rows')).toContainText('shown');
    // Clearing the filter brings the other server back.
    await setFilter(page, `:${other.port}`);
    await expect(listenerRow(page, other.port)).toBeVisible({ timeout: SLOW_MS });
    await expect(rowsForPort(page, target.port)).toHaveCount(0);
  } finally {
    connection.close();
  }
}

/**
 * A new listener gives exactly one notification naming its port. Other processes on the
 * machine may open ports meanwhile, so only notifications that name ours are counted.
 */
export async function scenarioOneNotification(page: Page, helpers: ScenarioHelpers, shown: (page: Page) => Promise<ShownNotification[]> = notificationsShown): Promise<void> {
  await waitForData(page);
  const port = await freePort();
  await setFilter(page, `:${port}`);
  await helpers.startServer({ port, label: 'notify' });
  await expect(listenerRow(page, port)).toBeVisible({ timeout: SLOW_MS });
  const ours = async (): Promise<ShownNotification[]> =>
    (await shown(page)).filter((n) => `${n.title} ${n.body ?? ''}`.includes(`:${port}`));
  await expect.poll(async () => (await ours()).length, { timeout: SLOW_MS }).toBeGreaterThanOrEqual(1);
  // Several more polls pass; a duplicate would have arrived by then.
  await page.waitForTimeout(2_500);
  const mine = await ours();
  helpers.log(`notification: ${JSON.stringify(mine)}`);
  expect(mine).toHaveLength(1);
}

/** When the server exits, its row takes the closing state, then disappears. */
export async function scenarioServerExitFades(page: Page, helpers: ScenarioHelpers): Promise<void> {
  await waitForData(page);
  const server = await helpers.startServer({ label: 'exits' });
  await setFilter(page, `:${server.port}`);
  await expect(listenerRow(page, server.port)).toBeVisible({ timeout: SLOW_MS });
  // Follow this very row by its id: once closing it no longer matches listenerRow.
  const id = await listenerRow(page, server.port).getAttribute('data-row-id');
  const row = page.locator(`[data-testid="row"][data-row-id="${id}"]`);
  await expect(row).not.toHaveAttribute('data-closing');
  await server.stop();
  await expect(row).toHaveAttribute('data-closing', 'true', { timeout: SLOW_MS });
  await expect(row).toHaveCount(0, { timeout: SLOW_MS });
}

/**
 * With a socket farm of tens of thousands of rows: scroll to the last row and filter. Times are
 * logged, not asserted; the limits only catch a hang.
 */
export async function scenarioManySockets(page: Page, helpers: ScenarioHelpers, minimumRows: number): Promise<void> {
  const loadStarted = Date.now();
  await waitForData(page, 120_000);
  helpers.log(`first data with the farm running: ${Date.now() - loadStarted} ms after the test began waiting`);
  const status = page.getByTestId('status-rows');
  await expect
    .poll(async () => firstNumber(await status.textContent()), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(minimumRows);
  helpers.log(`status: ${await status.textContent()}`);

  const grid = page.getByTestId('socket-table');
  let started = Date.now();
  // Rows come and go while we scroll (TIME_WAIT expiry), so "the end" is re-read on every try.
  const atEnd = (): Promise<{ ok: boolean; detail: string }> =>
    grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      const count = Number(el.getAttribute('aria-rowcount')) - 1;
      const last = el.querySelector<HTMLElement>(`[data-testid="row"][data-index="${count - 1}"]`);
      const box = el.getBoundingClientRect();
      const rect = last?.getBoundingClientRect();
      const ok = !!rect && rect.top >= box.top && rect.bottom <= box.bottom + 1;
      return { ok, detail: `rows ${count}, scrollTop ${el.scrollTop}, scrollHeight ${el.scrollHeight}, clientHeight ${el.clientHeight}, last row ${rect ? `${rect.top}-${rect.bottom}` : 'not rendered'} in ${box.top}-${box.bottom}` };
    });
  // Polls report where the scroll stands, so a failure says what was on screen.
  await expect.poll(async () => ((r) => (r.ok ? 'at end' : r.detail))(await atEnd()), { timeout: 60_000, message: 'the last row should come into view' }).toBe('at end');
  helpers.log(`scrolled to the end (${(await atEnd()).detail}): last row on screen after ${Date.now() - started} ms`);

  const server = await helpers.startServer({ label: 'needle' });
  const before = firstNumber(await status.textContent());
  started = Date.now();
  await setFilter(page, `:${server.port}`);
  await expect(listenerRow(page, server.port)).toBeVisible({ timeout: SLOW_MS });
  helpers.log(`filter :${server.port} over ${before} rows: result on screen after ${Date.now() - started} ms`);
  await expect(page.getByTestId('status-rows')).toContainText('shown');
  started = Date.now();
  await setFilter(page, '');
  await expect(rows(page).first()).toBeVisible({ timeout: SLOW_MS });
  helpers.log(`filter cleared: rows back after ${Date.now() - started} ms`);
}

/** Reads and logs when data first showed (the renderer's `window.__portlensPerf`). */
export async function scenarioFirstData(page: Page, helpers: ScenarioHelpers): Promise<number> {
  await waitForData(page);
  const read = (): Promise<number | null> =>
    page.evaluate(() => (window as unknown as { __portlensPerf?: { firstDataAt: number | null } }).__portlensPerf?.firstDataAt ?? null);
  await expect.poll(read, { timeout: SLOW_MS }).not.toBeNull();
  const firstDataAt = (await read()) as number;
  const navigation = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]?.toJSON() ?? {}));
  const domContentLoaded = (JSON.parse(navigation) as { domContentLoadedEventEnd?: number }).domContentLoadedEventEnd ?? 0;
  helpers.log(`first data on screen ${firstDataAt.toFixed(0)} ms after navigation start (DOMContentLoaded ${domContentLoaded.toFixed(0)} ms)`);
  expect(firstDataAt).toBeGreaterThan(0);
  return firstDataAt;
}

/** Opens a TCP connection to a port and keeps it open (both ends show as ESTABLISHED rows). */
export async function holdConnection(port: number): Promise<{ close(): void }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => {}); // the server may go first; the test only holds it
  return { close: () => socket.destroy() };
}
