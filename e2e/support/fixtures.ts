/**
 * Playwright fixtures for the web project: one `portlens serve` child per worker (killed at the
 * end), real HTTP server children per test (all stopped after it, even on failure), the
 * notification spy, and a page opened through the token URL. Where no Chromium can be had
 * (playwright.config.ts sets `chromiumUnavailable`), every test is skipped with that reason.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startHttpServer, type HttpServerChild, type HttpServerOptions } from './http-servers.js';
import { installNotificationSpy } from './notification-spy.js';
import { startPortlensServe, type PortlensServe } from './portlens-serve.js';

/** Starts HTTP server children for one test; the fixture stops every one afterwards. */
export interface ServerPool {
  start(options?: HttpServerOptions): Promise<HttpServerChild>;
}

interface TestFixtures {
  /** Skips the test, before any fixture launches a browser, where there is none. */
  skipWithoutChromium: void;
  servers: ServerPool;
  /** The app, opened through the token URL, with the notification spy installed. */
  app: Page;
}

interface WorkerFixtures {
  portlens: PortlensServe;
  /** Why no Chromium can be launched here (set by playwright.config.ts), or null. */
  chromiumUnavailable: string | null;
}

/** The web project's worker options, for playwright.config.ts. */
export type WebWorkerOptions = Pick<WorkerFixtures, 'chromiumUnavailable'>;

/** The web project's `test`. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  chromiumUnavailable: [null, { scope: 'worker', option: true }],
  // Auto fixtures are set up first: the skip comes before `page` would launch a browser.
  skipWithoutChromium: [
    async ({ chromiumUnavailable }, use, testInfo) => {
      testInfo.skip(chromiumUnavailable !== null, chromiumUnavailable ?? '');
      await use();
    },
    { auto: true },
  ],
  portlens: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const serve = await startPortlensServe(500);
      try {
        await use(serve);
      } finally {
        await serve.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  servers: async ({}, use) => {
    const started: HttpServerChild[] = [];
    try {
      await use({
        async start(options) {
          const server = await startHttpServer(options);
          started.push(server);
          return server;
        },
      });
    } finally {
      await Promise.all(started.map((server) => server.stop()));
    }
  },
  app: async ({ page, context, portlens }, use) => {
    await context.grantPermissions(['notifications'], { origin: portlens.origin });
    await installNotificationSpy(page);
    await page.goto(portlens.url);
    await use(page);
  },
});

export { expect };
