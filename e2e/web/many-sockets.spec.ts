// 20,000 real loopback sockets (10,000 connections, both ends): the table still scrolls to its
// last row and filters. Times are logged for the record; only a hang fails.
import { startSocketFarm, type SocketFarm } from '../../scripts/lib/socket-farm.mjs';
import { test } from '../support/fixtures.js';
import { scenarioManySockets } from '../support/scenarios.js';
import { webHelpers } from '../support/web-helpers.js';

const CONNECTIONS = 10_000;

test.describe('a busy machine', () => {
  let farm: SocketFarm | undefined;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    farm = await startSocketFarm({ tcpConnections: CONNECTIONS, listeners: 4 });
  });
  test.afterAll(async () => {
    await farm?.stop();
  });

  test('with 20,000 sockets the table scrolls to the end and filters', async ({ app, servers }) => {
    test.setTimeout(300_000);
    await scenarioManySockets(app, webHelpers(servers), CONNECTIONS * 2);
  });
});
