/** Real action dependencies for tests: a temporary data dir and short timeouts. */
import { createActionDeps } from '../create-deps.js';
import type { ActionDeps } from '../deps.js';

/** The real machine (snapshot, /proc, pidfd), with a data dir of the test's own. */
export function testDeps(dataDir: string, overrides: Partial<ActionDeps> = {}): ActionDeps {
  return createActionDeps({ dataDir, killTimeoutMs: 3000, restartTimeoutMs: 20_000, ...overrides });
}

/**
 * Per-test timeout for tests that kill or restart real processes: each step polls full
 * snapshots, which take seconds on a loaded 2-core machine with tens of thousands of sockets.
 */
export const ACTION_TEST_TIMEOUT_MS = 180_000;
