/**
 * Runs the built main bundle (dist/electron/main.cjs) in this Node process with `electron`
 * replaced by a stand-in, and its worker threads tracked (real workers, counted so a test can
 * see them stop). Only the bundle's own requires are redirected; each load evaluates it afresh.
 */
import Module, { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as workerThreads from 'node:worker_threads';

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Load };

/** A worker the bundle started, and whether it has exited. */
export interface TrackedWorker {
  worker: Worker;
  exited: Promise<number>;
  hasExited(): boolean;
}

/** Loads `mainPath` with `electron` as `standIn`; call `restore` when done. */
export function loadMainBundle(
  mainPath: string,
  standIn: object,
): { workers: TrackedWorker[]; restore(): void } {
  const workers: TrackedWorker[] = [];
  class TrackingWorker extends Worker {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      let exited = false;
      const done = new Promise<number>((resolve) =>
        this.once('exit', (code) => {
          exited = true;
          resolve(code);
        }),
      );
      workers.push({ worker: this, exited: done, hasExited: () => exited });
    }
  }
  const tracked = { ...workerThreads, Worker: TrackingWorker };
  const original = moduleInternals._load;
  moduleInternals._load = function (request, parent, isMain) {
    if (parent?.filename === mainPath) {
      if (request === 'electron') return standIn;
      if (request === 'node:worker_threads' || request === 'worker_threads') return tracked;
    }
    return original.call(this, request, parent, isMain);
  };
  const require = createRequire(import.meta.url);
  delete require.cache[mainPath];
  try {
    require(mainPath);
  } catch (error) {
    moduleInternals._load = original;
    throw error;
  }
  return {
    workers,
    restore() {
      moduleInternals._load = original;
      delete require.cache[mainPath];
    },
  };
}
