/**
 * Converting a process's start time (clock ticks since boot) to epoch milliseconds: boot time
 * from /proc/stat `btime`, ticks per second from the kernel's AT_CLKTCK auxiliary vector entry
 * (what `getconf CLK_TCK` reports, without forking a process). Both are read once.
 */
import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { ParseError } from '../model.js';

/** USER_HZ is 100 on every mainstream Linux architecture; used when auxv cannot be read. */
const DEFAULT_CLOCK_TICKS = 100;
/** AT_CLKTCK in <linux/auxvec.h>. */
const AT_CLKTCK = 17;

/** AT_CLKTCK's value in an auxv image of (type, value) machine words, or null. */
export function clockTicksFromAuxv(auxv: Buffer, wordBytes: 4 | 8): number | null {
  for (let offset = 0; offset + 2 * wordBytes <= auxv.length; offset += 2 * wordBytes) {
    const type = wordBytes === 8 ? Number(auxv.readBigUInt64LE(offset)) : auxv.readUInt32LE(offset);
    const value = wordBytes === 8 ? Number(auxv.readBigUInt64LE(offset + 8)) : auxv.readUInt32LE(offset + 4);
    if (type === 0) return null; // AT_NULL ends the vector
    if (type === AT_CLKTCK) return Number.isInteger(value) && value > 0 ? value : null;
  }
  return null;
}

let bootTimeCache: number | null = null;
let clockTicksCache: number | null = null;

/** Parses the `btime <seconds>` line of /proc/stat into epoch ms. Throws ParseError if absent. */
export function parseBootTime(procStat: string): number {
  const match = /^btime (\d+)$/m.exec(procStat);
  if (!match?.[1]) throw new ParseError('/proc/stat', 'no btime line');
  return Number(match[1]) * 1000;
}

/** Boot time as epoch ms (read once). */
export function bootTimeMs(): number {
  bootTimeCache ??= parseBootTime(readFileSync('/proc/stat', 'utf8'));
  return bootTimeCache;
}

/** Clock ticks per second of /proc/<pid>/stat times (read once). */
export function clockTicksPerSecond(): number {
  if (clockTicksCache === null) {
    try {
      // Little-endian 64-bit words on the 64-bit architectures Node ships for; 32-bit otherwise.
      const wordBytes = ['x64', 'arm64', 'ppc64', 'riscv64', 'loong64'].includes(arch()) ? 8 : 4;
      clockTicksCache = clockTicksFromAuxv(readFileSync('/proc/self/auxv'), wordBytes) ?? DEFAULT_CLOCK_TICKS;
    } catch {
      clockTicksCache = DEFAULT_CLOCK_TICKS;
    }
  }
  return clockTicksCache;
}

/** A start time in clock ticks since boot, as epoch ms. */
export function ticksToEpochMs(ticks: number): number {
  return bootTimeMs() + Math.round((ticks * 1000) / clockTicksPerSecond());
}
