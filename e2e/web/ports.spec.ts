// The core user scenarios in browser mode: real HTTP servers appear, are explained, filtered,
// notified about and fade out, in the real CLI's `portlens serve` and the system Chromium.
import { test } from '../support/fixtures.js';
import {
  scenarioFilterByPort,
  scenarioFirstData,
  scenarioNewServerAppears,
  scenarioOneNotification,
  scenarioOwnerPanel,
  scenarioServerExitFades,
} from '../support/scenarios.js';
import { webHelpers } from '../support/web-helpers.js';

test.describe('ports in browser mode', () => {
  test('a new HTTP server appears with its pid and name', async ({ app, servers }) => {
    await scenarioNewServerAppears(app, webHelpers(servers));
  });

  test('clicking its row shows argv and cwd in the owner panel', async ({ app, servers }) => {
    await scenarioOwnerPanel(app, webHelpers(servers));
  });

  test('filter :PORT shows only that port\'s rows', async ({ app, servers }) => {
    await scenarioFilterByPort(app, webHelpers(servers));
  });

  test('a new listener gives exactly one notification', async ({ app, servers }) => {
    await scenarioOneNotification(app, webHelpers(servers));
  });

  test('when the server exits its row fades out', async ({ app, servers }) => {
    await scenarioServerExitFades(app, webHelpers(servers));
  });

  test('first data on screen after load (logged)', async ({ app, servers }) => {
    await scenarioFirstData(app, webHelpers(servers));
  });
});
