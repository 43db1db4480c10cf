/** Scenario helpers for the web project: the test's server pool and its log. */
import { test } from '@playwright/test';
import type { ServerPool } from './fixtures.js';
import type { ScenarioHelpers } from './scenarios.js';

/** ScenarioHelpers backed by the `servers` fixture; log lines go to stdout and the report. */
export function webHelpers(servers: ServerPool): ScenarioHelpers {
  return {
    startServer: (options) => servers.start(options),
    log(line) {
      process.stdout.write(`  [measure] ${line}\n`);
      test.info().annotations.push({ type: 'measure', description: line });
    },
  };
}
