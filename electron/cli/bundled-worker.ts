/** Worker bundles that sit beside the bundled CLI in dist/node. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Worker entries the build writes to dist/node (scripts/build.mjs). */
export type WorkerBundle = 'monitor-worker';

/**
 * The path of a worker bundle beside this module (every chunk sits beside the entries), or
 * null when there is none: unbundled, as tests run the TypeScript, work stays on this thread.
 */
export function bundledWorker(name: WorkerBundle, moduleUrl: string = import.meta.url): string | null {
  const path = fileURLToPath(new URL(`./${name}.mjs`, moduleUrl));
  return existsSync(path) ? path : null;
}
