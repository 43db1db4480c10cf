// End-to-end tests. `web`: the real CLI's browser mode (`portlens serve`) in a Chromium found by
// scripts/lib/find-chromium.mjs ($PORTLENS_CHROMIUM, the system's, Playwright's, else the one
// the @sparticuz/chromium devDependency brings); Playwright never downloads one. Where there is
// none, the web tests are skipped with the reason. `electron`: the desktop app (its specs live
// in e2e/electron). The test runner builds first (scripts/build.mjs); the caller picks the
// reporter (scripts/test-all.mjs passes --reporter=list,json).
import { defineConfig } from '@playwright/test';
import type { WebWorkerOptions } from './e2e/support/fixtures.js';
import { describeChromium, findChromium } from './scripts/lib/find-chromium.mjs';

const chromium = findChromium();
// Workers load this file too (they carry TEST_WORKER_INDEX): say it once, from the runner.
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`web e2e: ${describeChromium(chromium)}`);

export default defineConfig<object, WebWorkerOptions>({
  // Suites start real processes and up to 20,000 sockets on a 2-core machine: one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results/playwright',
  use: {
    screenshot: 'off',
    trace: 'off',
    video: 'off',
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        ...('skip' in chromium
          ? { chromiumUnavailable: describeChromium(chromium) }
          : { launchOptions: { executablePath: chromium.executablePath, args: chromium.args, env: chromium.env } }),
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
