/**
 * koffi (FFI), loaded once through require for every user in the process. Its package also
 * has an ESM entry, which `import` would load as a second copy of its JavaScript (and, in a
 * bundle, resolve through the ESM loader's package-exports machinery): both cost start-up
 * time that `portlens list` pays on every run.
 */
import { createRequire } from 'node:module';

/** koffi's module type. */
export type Koffi = typeof import('koffi');

let loaded: Koffi | Error | undefined;

/** koffi, or the error that loading it raised (not installed, no prebuilt binary here). */
export function loadKoffi(): Koffi | Error {
  if (loaded === undefined) {
    try {
      // In a CommonJS bundle (a test's helper script) import.meta.url is empty; __filename is set.
      loaded = createRequire(typeof __filename === 'string' ? __filename : import.meta.url)('koffi') as Koffi;
    } catch (error) {
      loaded = error instanceof Error ? error : new Error(String(error));
    }
  }
  return loaded;
}
