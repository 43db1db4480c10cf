/**
 * Playwright fixtures for the web project: one `portlens serve` child per worker (killed at the
 * end), real HTTP server children per test (all stopped after it, even on failure), the
 * notification spy, and a page opened through the token URL.
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
  servers: ServerPool;
  /** The app, opened through the token URL, with the notification spy installed. */
  app: Page;
}

interface WorkerFixtures {
  portlens: PortlensServe;
}

/** The web project's `test`. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
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
