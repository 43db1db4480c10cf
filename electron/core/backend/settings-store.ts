/**
 * Settings on disk: `<dataDir>/settings.json`, validated on read (a damaged or hand-edited file
 * falls back to defaults field by field, with a warning, never a crash) and written atomically
 * and privately (a 0600 file in a 0700 directory; see private-files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../contract/api.js';
import { writePrivateFileAtomic } from '../private-files.js';

export class SettingsStore {
  private value: Settings;
  /** Why the file on disk was not used as is; null when it was fine or absent. */
  readonly loadWarning: string | null;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    const { settings, warning } = readSettings(this.file);
    this.value = settings;
    this.loadWarning = warning;
  }

  get(): Settings {
    return this.value;
  }

  /**
   * Merges a validated patch, persists, and returns the new settings. Throws (a
   * PrivateFileError for a data directory someone else controls) when it cannot save; the
   * settings are then unchanged, in memory and on disk.
   */
  update(patch: SettingsPatch): Settings {
    const merged: Settings = {
      ...this.value,
      ...definedOnly(patch),
      notifications: { ...this.value.notifications, ...definedOnly(patch.notifications ?? {}) },
    };
    const next = Settings.parse(merged);
    writePrivateFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.value = next;
    return this.value;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function readSettings(file: string): { settings: Settings; warning: string | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULT_SETTINGS, warning: null };
    return { settings: DEFAULT_SETTINGS, warning: `cannot read ${file}: ${(error as Error).message}; using defaults` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: DEFAULT_SETTINGS, warning: `${file} is not valid JSON; using defaults` };
  }
  const whole = Settings.safeParse(json);
  if (whole.success) return { settings: whole.data, warning: null };
  // Keep every field that is valid on its own; default the rest.
  const source = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(source[key]);
    if (field.success) merged[key] = field.data;
  }
  return { settings: Settings.parse(merged), warning: `${file} has invalid fields; those use defaults` };
}
