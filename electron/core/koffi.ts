/**
 * koffi (FFI), loaded once through require for every user in the process. Its package also
 * has an ESM entry, which `import` would load as a second copy of its JavaScript (and, in a
 * bundle, resolve through the ESM loader's package-exports machinery): both cost start-up
 * time that `portlens list` pays on every run.
 */
import { createRequire } from 'node:module';

import type { LibraryHandle } from 'koffi';

/** koffi's module type. */
export type Koffi = typeof import('koffi');

/** koffi and the C library, for binding functions. */
export interface Libc {
  koffi: Koffi;
  libc: LibraryHandle;
}

let loaded: Koffi | Error | undefined;
let libc: Libc | Error | undefined;

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

/**
 * koffi with the C library loaded once: glibc's libc.so.6, else (musl and others) the symbols
 * already in the process; or the error that prevented it.
 */
export function loadLibc(): Libc | Error {
  if (libc === undefined) {
    const koffi = loadKoffi();
    if (koffi instanceof Error) libc = koffi;
    else {
      try {
        libc = { koffi, libc: koffi.load('libc.so.6') };
      } catch {
        try {
          libc = { koffi, libc: koffi.load(null) };
        } catch (error) {
          libc = error instanceof Error ? error : new Error(String(error));
        }
      }
    }
  }
  return libc;
}

/**
 * What `bind` makes of koffi and the C library; null when either is missing or `bind` throws
 * (a symbol this C library lacks).
 */
export function bindLibc<T>(bind: (loaded: Libc) => T | null): T | null {
  const loaded = loadLibc();
  if (loaded instanceof Error) return null;
  try {
    return bind(loaded);
  } catch {
    return null;
  }
}
