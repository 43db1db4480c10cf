// Browser mode's protections, seen from a real browser: the token in the URL's fragment (never a
// cookie), the CSP, and what another local user's server on another 127.0.0.1 port can learn
// from, or do to, the browser that has PortLens open.
import { test, expect } from '../support/fixtures.js';
import { startHeaderRecorder } from '../support/header-recorder.js';
import { waitForData } from '../support/scenarios.js';
import { upgradeStatus } from '../../electron/server/test-helpers.js';

/** Characters a WebSocket subprotocol may hold (an HTTP token, RFC 7230). */
const SUBPROTOCOL = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

test.describe('browser mode security', () => {
  test('opened without the token, the page says how to get in', async ({ page, portlens }) => {
    const response = await page.goto(`${portlens.origin}/`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('startup-error')).toContainText('open PortLens with the URL portlens serve printed');
    // Pasting the printed URL into this tab changes only the fragment: the page starts over with it.
    await page.goto(portlens.url);
    await waitForData(page);
  });

  test('a wrong token is refused, said so, and forgotten', async ({ page, portlens }) => {
    await page.goto(`${portlens.origin}/#token=not-the-token`);
    await expect(page.getByTestId('startup-error')).toContainText('refused this page’s access token');
    expect(await page.evaluate(() => sessionStorage.getItem('portlens.token'))).toBeNull();
  });

  test('the token leaves the address bar, stays in this tab only, and is never a cookie', async ({ app, portlens }) => {
    await waitForData(app);
    expect(app.url()).toBe(`${portlens.origin}/`);
    expect(await app.context().cookies()).toEqual([]);
    expect(await app.evaluate(() => sessionStorage.getItem('portlens.token'))).toBe(portlens.token);
    // A reload finds it again in this tab's storage.
    await app.reload();
    await waitForData(app);
  });

  test('the page has a CSP that blocks inline script', async ({ page, portlens }) => {
    const response = await page.goto(portlens.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`ws://127.0.0.1:${portlens.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
          let violated: string | null = null;
          document.addEventListener('securitypolicyviolation', (event) => (violated = event.violatedDirective));
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true;';
          document.head.append(script);
          setTimeout(() => resolve({ ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violated }), 200);
        }),
    );
    expect(outcome.ran).toBe(false);
    expect(outcome.violated).toMatch(/^script-src/);
  });

  test('a page from another local origin cannot open the WebSocket', async ({ app, portlens, servers }) => {
    await waitForData(app);
    const other = await servers.start({ label: 'another local app' });
    await app.goto(`http://127.0.0.1:${other.port}/`);
    const result = await app.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, 'portlens.stream.packed');
          ws.onopen = () => resolve('open');
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `ws://127.0.0.1:${portlens.port}/ws`,
    );
    expect(result).toBe('closed 1006');
  });

  test('another local user\'s server on another port receives nothing that opens PortLens', async ({ app, portlens }) => {
    await waitForData(app);
    const recorder = await startHeaderRecorder(portlens.port);
    try {
      test.info().annotations.push({ type: 'attacker', description: `the recorder runs as ${recorder.runAs}` });
      // The user visits the other server in the same browser: a new tab, and then this one.
      const tab = await app.context().newPage();
      await tab.goto(`${recorder.origin}/`);
      await tab.goto(`${recorder.origin}/assets/index.js`);
      await app.goto(`${recorder.origin}/ws`);
      const requests = recorder.requests();
      expect(requests.length).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(requests)).not.toContain(portlens.token);

      // Everything it received, replayed as a local process can: with our Origin forged, every
      // header it saw, and each value it saw offered as the token.
      const url = `ws://127.0.0.1:${portlens.port}/ws`;
      const origin = { Origin: portlens.origin };
      const values = new Set<string>();
      for (const { headers } of requests) {
        for (let i = 1; i < headers.length; i += 2) {
          const value = headers[i] as string;
          values.add(value);
          for (const part of value.split(/[;,=\s]+/)) if (part) values.add(part);
        }
      }
      const cookie = requests.flatMap((r) => r.headers.filter((_, i) => i % 2 === 1 && /^cookie$/i.test(r.headers[i - 1] as string))).at(-1);
      if (cookie) expect(await upgradeStatus(url, { ...origin, Cookie: cookie })).toBe(401);
      let tried = 0;
      for (const value of values) {
        if (value.length > 8000) continue;
        expect(await upgradeStatus(url, { ...origin, Authorization: `Bearer ${value}` }), value).toBe(401);
        if (SUBPROTOCOL.test(value)) expect(await upgradeStatus(url, origin, ['portlens.stream.packed', `portlens.token.${value}`]), value).toBe(401);
        tried++;
      }
      expect(tried).toBeGreaterThan(10);
    } finally {
      await recorder.stop();
    }
  });

  test('cookies tossed from another port cannot blank the page', async ({ app, portlens }) => {
    await waitForData(app);
    const recorder = await startHeaderRecorder(portlens.port);
    try {
      const tab = await app.context().newPage();
      await tab.goto(`${recorder.origin}/`);
      // The browser now holds token-named cookies for /assets and /, and ~240 KB of others,
      // all of which it sends to PortLens's port too.
      const names = (await app.context().cookies(portlens.origin)).map((c) => c.name);
      expect(names).toContain(`portlens_token_${portlens.port}`);
      expect(names.length).toBeGreaterThan(60);
      await app.reload();
      await waitForData(app);
      const fresh = await app.context().newPage();
      await fresh.goto(portlens.url);
      await waitForData(fresh);
    } finally {
      await recorder.stop();
    }
  });
});
