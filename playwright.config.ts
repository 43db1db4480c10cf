// End-to-end tests. `web`: the real CLI's browser mode (`portlens serve`) in the system
// Chromium, which Playwright must never download a replacement for. `electron`: the desktop app
// (its specs live in e2e/electron). The test runner builds first (scripts/build.mjs); the
// caller picks the reporter (scripts/test-all.mjs passes --reporter=list,json).
import { defineConfig } from '@playwright/test';

/** The system Chromium (Debian's `chromium` package). */
const CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
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
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
