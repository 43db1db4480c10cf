// The web transport in the real page against the real server: typed errors, openExternal
// answered in the page, a bad frame dropped, and a dropped connection that recovers by itself.
// Playwright's WebSocket routing sits between page and server only to cut the line or inject a
// frame; everything else passes through to the real server.
import type { WebSocketRoute } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { rows, waitForData } from '../support/scenarios.js';

type Probe = { ok: boolean; code?: string };

test.describe('web transport', () => {
  test('invalid requests come back as typed errors', async ({ app }) => {
    await waitForData(app);
    const results = await app.evaluate(async () => {
      const api = window.portlens!;
      const brief = (r: { ok: boolean; error?: { code: string } }) => ({ ok: r.ok, code: r.error?.code });
      return {
        badPid: brief(await api.getProcess({ pid: -5 })),
        badKill: brief(await api.kill({ processes: [], force: false, timeoutMs: null } as never)),
        settings: brief(await api.getSettings({})),
      };
    });
    expect(results.badPid).toEqual({ ok: false, code: 'invalid-request' });
    expect(results.badKill).toEqual({ ok: false, code: 'invalid-request' });
    expect(results.settings).toEqual({ ok: true, code: undefined });
  });

  test('openExternal opens loopback URLs in a new tab and refuses others, without the server', async ({ app, servers }) => {
    await waitForData(app);
    const refused = await app.evaluate(async () => {
      const api = window.portlens!;
      const urls = ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://user:pw@127.0.0.1:1/'];
      return Promise.all(urls.map(async (url) => ((await api.openExternal({ url })) as Probe & { error?: { code: string } }).error?.code));
    });
    expect(refused).toEqual(['refused', 'refused', 'refused', 'refused']);
    const server = await servers.start({ label: 'opened from PortLens' });
    const popup = app.context().waitForEvent('page');
    const opened = await app.evaluate((url) => window.portlens!.openExternal({ url }), `http://127.0.0.1:${server.port}/`);
    expect(opened.ok).toBe(true);
    const tab = await popup;
    await expect(tab.locator('body')).toContainText('opened from PortLens');
    await tab.close();
  });

  test('a frame that fails validation is dropped with a warning, and the app carries on', async ({ page, portlens }) => {
    let route: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/ws$/, (ws) => {
      route = ws;
      ws.connectToServer();
    });
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(portlens.url);
    await waitForData(page);
    await expect(rows(page).first()).toBeVisible();
    route!.send(JSON.stringify({ stream: { type: 'snapshot', snapshot: { sockets: 'not an array' } } }));
    route!.send('{ not json');
    await expect.poll(() => warnings.filter((w) => w.includes('portlens web transport')).length).toBe(2);
    await expect(page.getByTestId('app')).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
  });

  test('a dropped connection shows a banner, reconnects, and the stream resumes with a snapshot', async ({ page, portlens }) => {
    const routes: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws$/, (ws) => {
      routes.push(ws);
      ws.connectToServer();
    });
    await page.goto(portlens.url);
    await waitForData(page);
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { __streamLog: string[] }).__streamLog = log;
      window.portlens!.subscribe((message) => log.push(message.type === 'error' ? `error:${message.error.message}` : message.type));
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __streamLog: string[] }).__streamLog.includes('snapshot')), { timeout: 30_000 }).toBe(true);

    await routes[0]!.close({ code: 1011, reason: 'test cuts the line' });
    await expect.poll(() => routes.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => {
        const log = await page.evaluate(() => (window as unknown as { __streamLog: string[] }).__streamLog);
        const lost = log.findIndex((entry) => entry.startsWith('error:Lost the connection'));
        return lost >= 0 && log.slice(lost + 1).includes('snapshot');
      }, { timeout: 30_000 })
      .toBe(true);
    await expect(page.getByTestId('disconnected-banner')).toHaveCount(0, { timeout: 30_000 });
    const settings = await page.evaluate(async () => (await window.portlens!.getSettings({})).ok);
    expect(settings).toBe(true);
  });
});
