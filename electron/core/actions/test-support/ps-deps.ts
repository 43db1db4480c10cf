/** Action deps wired as on macOS, run here on Linux: lsof sockets, the ps reader, kill(2). */
import { takeSnapshot } from '../../snapshot/default-pipeline.js';
import type { ActionDeps } from '../deps.js';
import { createPosixSignaller } from '../posix-signaller.js';
import { createPsReader } from '../ps-process-reader.js';
import { testDeps } from './test-deps.js';

/** The macOS wiring over this machine's real processes, with a data dir of the test's own. */
export function macDeps(dataDir: string): ActionDeps {
  return testDeps(dataDir, {
    snapshot: () => takeSnapshot({ prefer: 'lsof', processes: 'ps' }),
    processes: createPsReader(),
    signaller: createPosixSignaller(),
  });
}
