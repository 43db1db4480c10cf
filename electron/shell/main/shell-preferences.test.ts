import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultShellPreferences, ShellPreferencesStore } from './shell-preferences.js';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-shell-prefs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('ShellPreferencesStore', () => {
  it('starts with "close to tray" off on Linux only (a tray may be invisible there)', () => {
    expect(defaultShellPreferences('linux').closeToTray).toBe(false);
    expect(defaultShellPreferences('darwin').closeToTray).toBe(true);
    expect(defaultShellPreferences('win32').closeToTray).toBe(true);
    expect(new ShellPreferencesStore(freshDir(), 'linux').get().closeToTray).toBe(false);
  });

  it('saves to app.json, privately, and reads it back', () => {
    const dir = join(freshDir(), 'data');
    new ShellPreferencesStore(dir, 'linux').update({ closeToTray: true });
    expect(JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'))).toEqual({ closeToTray: true });
    expect(statSync(join(dir, 'app.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(new ShellPreferencesStore(dir, 'linux').get().closeToTray).toBe(true);
  });

  it('falls back to the default, with a warning, on a damaged or hand-edited file', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = freshDir();
    for (const text of ['{not json', '{"closeToTray":"yes"}', 'null']) {
      writeFileSync(join(dir, 'app.json'), text);
      expect(new ShellPreferencesStore(dir, 'darwin').get().closeToTray, text).toBe(true);
    }
    expect(warn).toHaveBeenCalledTimes(3);
  });
});
