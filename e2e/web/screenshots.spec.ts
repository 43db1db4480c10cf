// Screenshots for the README and the layout review, of real data: a few real servers (node dev
// servers, a python http.server, an IPv6 API) with live traffic, at 800×600, 1280×800 and
// 1920×1080, light and dark, with and without the owner panel. They go to test-results/screenshots;
// with PORTLENS_SCREENSHOTS=1 they refresh docs/screenshots instead.
import { Agent, get } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import type { HttpServerChild } from '../support/http-servers.js';
import { ROOT } from '../support/portlens-serve.js';
import { missingTools } from '../../scripts/lib/system-tools.mjs';
import { freePort, listenerRow, setFilter, waitForData } from '../support/scenarios.js';

const OUT = process.env.PORTLENS_SCREENSHOTS === '1' ? `${ROOT}docs/screenshots` : `${ROOT}test-results/screenshots`;
/** Why the python http.server is left out of the picture here, or null. */
const noPython = missingTools(['python3']);
if (noPython) console.log(`${noPython}: the screenshots show no python server`);

/** The familiar port if it is free on `host`, else any free one. */
async function portOr(preferred: number, host = '127.0.0.1'): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(preferred, host, () => server.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

/** Requests each server every 150 ms over one keep-alive connection each, so rates and sparklines move. */
function keepTrafficFlowing(targets: { host: string; port: number }[]): () => void {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const timer = setInterval(() => {
    for (const { host, port } of targets) get({ host, port, path: '/', agent }, (res) => res.resume()).on('error', () => {});
  }, 150);
  return () => {
    clearInterval(timer);
    agent.destroy();
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}/${name}`, animations: 'disabled' });
}

/** The sizes the README and the layout review look at. */
const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

test('screenshots of a developer machine at 800, 1280 and 1920 px, light and dark, with and without the panel', async ({ app, servers }) => {
  test.setTimeout(240_000);
  const started: HttpServerChild[] = await Promise.all([
    portOr(5173).then((port) => servers.start({ port, label: 'vite' })),
    portOr(3000, '0.0.0.0').then((port) => servers.start({ port, host: '0.0.0.0', label: 'next-dev' })),
    portOr(6006).then((port) => servers.start({ port, label: 'storybook' })),
    portOr(8080, '::1').then((port) => servers.start({ port, host: '::1', label: 'api' })),
    ...(noPython
      ? []
      : [
          portOr(8000).then((port) =>
            servers.start({ port, command: { file: 'python3', args: (p) => ['-u', '-m', 'http.server', String(p), '--bind', '127.0.0.1'], ready: /port (\d+)/ } }),
          ),
        ]),
  ]);
  const [vite] = started as [HttpServerChild];
  // Not to python's http.server: it speaks HTTP/1.0 and closes each connection (TIME_WAIT pile-up).
  const nodeServers = started.slice(0, 4);
  const stopTraffic = keepTrafficFlowing(nodeServers.map(({ host, port }) => ({ host: host === '0.0.0.0' ? '127.0.0.1' : host, port })));
  try {
    await waitForData(app);
    // Only our servers: other work on the machine (other test suites, a socket farm) is noise here.
    await setFilter(app, started.map((s) => `:${s.port}`).join(' '));
    for (const server of started) await expect(listenerRow(app, server.port).first()).toBeVisible({ timeout: 30_000 });
    // Let a few polls of traffic draw the rates and sparklines.
    await app.waitForTimeout(5_000);
    await app.getByTestId('filter-input').blur();
    await app.mouse.move(0, 0);
    for (const size of SIZES) {
      await app.setViewportSize(size);
      for (const theme of ['light', 'dark'] as const) {
        await app.emulateMedia({ colorScheme: theme });
        const panel = app.getByTestId('owner-panel');
        if (await panel.isVisible()) await app.getByTestId('panel-close').click();
        await app.mouse.move(0, 0);
        await app.waitForTimeout(300);
        await shoot(app, `table-${size.width}-${theme}.png`);
        await listenerRow(app, vite.port).first().click();
        await expect(app.getByTestId('process-command')).toContainText('vite');
        await app.mouse.move(0, 0);
        await app.waitForTimeout(800);
        await shoot(app, `panel-${size.width}-${theme}.png`);
      }
    }
    // The README's hero: the table at 1280 × 800, light.
    await app.setViewportSize(SIZES[1]);
    await app.emulateMedia({ colorScheme: 'light' });
    await app.getByTestId('panel-close').click();
    await app.mouse.move(0, 0);
    await app.waitForTimeout(300);
    await shoot(app, 'table.png');
  } finally {
    stopTraffic();
  }
});

test('screenshots of the Diagnose box on a family mismatch and of the Exposed view', async ({ app, servers }) => {
  test.setTimeout(120_000);
  const api = await servers.start({ port: await portOr(8766, '::1'), host: '::1', label: 'api' });
  await servers.start({ port: await portOr(9229, '0.0.0.0'), host: '0.0.0.0', label: 'node --inspect' });
  await servers.start({ port: await portOr(3000, '0.0.0.0'), host: '0.0.0.0', label: 'next-dev' });
  await waitForData(app);
  await app.setViewportSize({ width: 1440, height: 900 });
  await app.keyboard.press('Control+k');
  await app.getByTestId('diagnose-input').fill(`127.0.0.1:${api.port}`);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('diagnose-report')).toHaveAttribute('data-verdict', 'family-mismatch', { timeout: 15_000 });
  await app.getByTestId('diagnose-input').blur();
  await shoot(app, 'diagnose.png');
  await app.keyboard.press('Escape');
  await app.getByTestId('open-exposed').click();
  await expect(app.getByTestId('exposed-table')).toBeVisible({ timeout: 15_000 });
  await app.mouse.move(0, 0);
  await shoot(app, 'exposed.png');
});

test('screenshots of the #14 views: group traffic, pause, Processes and Timeline, at 800 and 1280 px, light and dark', async ({
  app,
  servers,
}) => {
  test.setTimeout(180_000);
  const vite = await servers.start({ port: await portOr(5173), label: 'vite' });
  const next = await servers.start({
    port: await portOr(3000, '0.0.0.0'),
    host: '0.0.0.0',
    label: 'next-dev',
  });
  const stopTraffic = keepTrafficFlowing([vite, { host: '127.0.0.1', port: next.port }]);
  try {
    await waitForData(app);
    await setFilter(app, `:${vite.port} :${next.port}`);
    await expect(listenerRow(app, vite.port).first()).toBeVisible({ timeout: 30_000 });
    await app.waitForTimeout(4_000);
    await app.getByTestId('group-by').selectOption('port');
    await app.getByTestId('filter-input').blur();
    for (const size of [SIZES[0], SIZES[1]]) {
      await app.setViewportSize(size);
      for (const theme of ['light', 'dark'] as const) {
        await app.emulateMedia({ colorScheme: theme });
        await app.mouse.move(0, 0);
        await app.waitForTimeout(300);
        await shoot(app, `groups-traffic-${size.width}-${theme}.png`);
        await app.getByTestId('pause-toggle').click();
        await app.waitForTimeout(1_200);
        await shoot(app, `paused-${size.width}-${theme}.png`);
        await app.getByTestId('pause-toggle').click();
        await app.getByTestId('open-processes').click();
        await expect(app.getByTestId('processes-table')).toBeVisible();
        await app.waitForTimeout(2_500);
        await app.mouse.move(0, 0);
        await shoot(app, `processes-${size.width}-${theme}.png`);
        await app.keyboard.press('Escape');
        await app.getByTestId('open-timeline').click();
        await app.getByTestId('timeline-port').fill(String(vite.port));
        await app.getByTestId('timeline-search').click();
        await expect(app.getByTestId('timeline-answer')).toBeVisible({ timeout: 15_000 });
        await app.getByTestId('timeline-port').blur();
        await shoot(app, `timeline-${size.width}-${theme}.png`);
        await app.keyboard.press('Escape');
      }
    }
  } finally {
    stopTraffic();
    await app.getByTestId('group-by').selectOption('none');
  }
});
