/**
 * Converting a process's start time (clock ticks since boot) to epoch milliseconds: boot time
 * from /proc/stat `btime`, ticks per second from `getconf CLK_TCK`. Both are read once.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ParseError } from '../model.js';

/** USER_HZ is 100 on every mainstream Linux architecture; used when getconf is unavailable. */
const DEFAULT_CLOCK_TICKS = 100;

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
      const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).trim());
      clockTicksCache = Number.isInteger(value) && value > 0 ? value : DEFAULT_CLOCK_TICKS;
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
