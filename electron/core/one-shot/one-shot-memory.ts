/**
 * Memory settings for one-shot commands (`portlens list`, `who`). On the VMs PortLens is
 * benchmarked on, each first touch of a page costs ~15 µs, and a run of `list` at 20,000
 * sockets touched ~8,000. About 1,500 of them were glibc returning freed memory (JIT compiler
 * zones, typed-array stores) to the kernel and faulting it back in moments later, or opening a
 * fresh arena for each compiler thread. A process that exits in half a second loses nothing by
 * keeping what it frees. Long-running commands (serve, watch) must not call this.
 */
import { loadLibc } from '../koffi.js';

const M_TRIM_THRESHOLD = -1;
const M_ARENA_MAX = -8;
/** Keep up to this much free memory at the top of the heap instead of returning it. */
const TRIM_THRESHOLD_BYTES = 1 << 30;

let applied = false;

/**
 * Tells glibc's malloc to keep freed memory and to serve every thread from one arena. Where
 * there is no glibc (musl, macOS, Windows) or no koffi, does nothing: it only saves time.
 */
export function keepFreedMemory(): void {
  if (applied || process.platform !== 'linux') return;
  applied = true;
  const loaded = loadLibc();
  if (loaded instanceof Error) return;
  try {
    const mallopt = loaded.libc.func('int mallopt(int param, int value)') as (param: number, value: number) => number;
    mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
    mallopt(M_ARENA_MAX, 1);
  } catch {
    // Not glibc: nothing to tune.
  }
}
