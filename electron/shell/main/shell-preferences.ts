/**
 * The app's own preferences, which mean nothing in browser mode or the CLI: `<dataDir>/app.json`.
 * Today one: "close to tray". Read leniently (a damaged or hand-edited file falls back to the
 * default, with a warning on stderr), written privately and atomically like settings.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../../core/private-files.js';

/** What app.json holds. */
export interface ShellPreferences {
  /** Closing the window hides it to the tray instead of quitting. */
  closeToTray: boolean;
}

/**
 * The defaults of `platform`. Linux starts with "close to tray" off: a desktop without a
 * StatusNotifier host shows no tray icon and Electron cannot tell (`new Tray()` succeeds), so a
 * window hidden there could only come back by relaunching. The tray's own menu turns it on —
 * and that menu is only reachable where the icon is shown. macOS and Windows always have one.
 */
export function defaultShellPreferences(platform: NodeJS.Platform): ShellPreferences {
  return { closeToTray: platform !== 'linux' };
}

/** app.json in `dataDir`, with the defaults of `platform` for whatever it lacks. */
export class ShellPreferencesStore {
  private readonly file: string;
  private value: ShellPreferences;

  constructor(dataDir: string, platform: NodeJS.Platform = process.platform) {
    this.file = join(dataDir, 'app.json');
    this.value = readPreferences(this.file, defaultShellPreferences(platform));
  }

  get(): ShellPreferences {
    return this.value;
  }

  /** Saves `patch`; the value changes in memory even when saving fails (reported, not thrown). */
  update(patch: Partial<ShellPreferences>): ShellPreferences {
    this.value = { ...this.value, ...patch };
    try {
      writePrivateFileAtomic(this.file, `${JSON.stringify(this.value, null, 2)}\n`);
    } catch (error) {
      console.warn(`PortLens: could not save ${this.file}: ${(error as Error).message}`);
    }
    return this.value;
  }
}

function readPreferences(file: string, defaults: ShellPreferences): ShellPreferences {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      console.warn(`PortLens: ignoring ${file} (${(error as Error).message}); using defaults`);
    return defaults;
  }
  const closeToTray = (json as { closeToTray?: unknown } | null)?.closeToTray;
  if (typeof closeToTray === 'boolean') return { ...defaults, closeToTray };
  console.warn(`PortLens: ${file} has no boolean closeToTray; using the default`);
  return defaults;
}
