/**
 * The activity record on disk (activity.json in the data directory, 0600): the app and
 * `portlens serve` write what their monitor saw, so `portlens list --idle`, which looks once,
 * can tell how long a port has been idle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../private-files.js';
import type { ActivityRecord } from './activity-tracker.js';

export const ACTIVITY_FILE = 'activity.json';

export function saveActivity(dataDir: string, record: ActivityRecord): void {
  writePrivateFileAtomic(join(dataDir, ACTIVITY_FILE), JSON.stringify(record), dataDir);
}

/** The record, or null when there is none or it is not one (a damaged file is ignored, not trusted). */
export function loadActivity(dataDir: string): ActivityRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dataDir, ACTIVITY_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { since, written, ports } = value as Record<string, unknown>;
  if (typeof since !== 'number' || typeof written !== 'number' || typeof ports !== 'object' || ports === null) return null;
  const clean: Record<string, number> = {};
  for (const [key, time] of Object.entries(ports)) if (/^(tcp|udp)\/\d{1,5}$/.test(key) && typeof time === 'number') clean[key] = time;
  return { since, written, ports: clean };
}
