/** Times on the command line: `90s`, `15m`, `1h`, `2d` ago, or a date the JS Date parser reads. */
import { UsageError } from './io.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Epoch ms for `text`: a duration means that long before `now`; otherwise an ISO date or
 * `YYYY-MM-DD HH:MM` in local time. A UsageError names the flag for anything else.
 */
export function timeArg(text: string, what: string, now: number = Date.now()): number {
  const relative = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * (UNIT_MS[relative[2] as string] as number);
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const time = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
    if (Number.isFinite(time)) return time;
  }
  const parsed = /\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isFinite(parsed)) return parsed;
  throw new UsageError(`${what} must be a duration (30m, 1h, 2d) or a date (2026-12-05 14:00), got "${text}"`);
}
