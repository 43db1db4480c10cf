// CPU time (user + system) of reaped child processes, from getrusage(RUSAGE_CHILDREN) through
// koffi. Wall time on a busy machine mostly measures the wait for a CPU; CPU time measures the
// work, so the benchmark reports both. Linux x86-64/arm64 layout (struct timeval: two longs).
import { createRequire } from 'node:module';
import process from 'node:process';

const RUSAGE_CHILDREN = -1;
/**
 * Reads the children's `struct rusage` into a buffer; null when koffi or libc cannot be loaded,
 * undefined until first tried.
 * @type {(() => Buffer | null) | null | undefined}
 */
let getrusage;

function load() {
  if (getrusage !== undefined) return getrusage;
  getrusage = null;
  try {
    /** @type {typeof import('koffi')} */
    const koffi = createRequire(import.meta.url)('koffi');
    const libc = koffi.load('libc.so.6');
    const fn = libc.func('int getrusage(int who, _Out_ uint8_t *usage)');
    const buffer = Buffer.alloc(256);
    getrusage = () => (fn(RUSAGE_CHILDREN, buffer) === 0 ? buffer : null);
  } catch {
    // No koffi or no glibc here: CPU columns stay empty.
  }
  return getrusage;
}

/**
 * Milliseconds of CPU used by every child this process has reaped so far (children's own
 * reaped descendants included), or null where it cannot be read. Differences between two calls
 * give the CPU of the children reaped in between.
 */
export function childrenCpuMs() {
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) return null;
  const buffer = load()?.();
  if (!buffer) return null;
  /** @param {number} offset */
  const ms = (offset) =>
    Number(buffer.readBigInt64LE(offset)) * 1e3 + Number(buffer.readBigInt64LE(offset + 8)) / 1e3;
  return ms(0) + ms(16);
}

/** Milliseconds of CPU this process has used (user + system). */
export function selfCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
}
