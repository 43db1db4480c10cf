// Browser mode's protections, seen from a real browser: the token, the cookie, the CSP, and a
// WebSocket attempt from another local origin (same site, so the cookie travels: only the
// server's Origin check stops it).
import { test, expect } from '../support/fixtures.js';

test.describe('browser mode security', () => {
  test('opening the app without the token shows 401', async ({ page, portlens }) => {
    const response = await page.goto(`${portlens.origin}/`);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Unauthorized');
    const wrong = await page.goto(`${portlens.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
  });

  test('the token URL sets an HttpOnly cookie and leaves the address bar', async ({ app, portlens }) => {
    expect(app.url()).toBe(`${portlens.origin}/`);
    const cookies = await app.context().cookies(portlens.origin);
    const cookie = cookies.find((c) => c.name === `portlens_token_${portlens.port}`);
    expect(cookie).toMatchObject({ value: portlens.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await app.evaluate(() => document.cookie)).not.toContain(portlens.token);
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

  test('a page from another local origin cannot open the WebSocket', async ({ page, portlens, servers }) => {
    // Log in first so the browser holds the cookie.
    await page.goto(portlens.url);
    const other = await servers.start({ label: 'another local app' });
    await page.goto(`http://127.0.0.1:${other.port}/`);
    const result = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `ws://127.0.0.1:${portlens.port}/ws`,
    );
    expect(result).toBe('closed 1006');
  });
});
