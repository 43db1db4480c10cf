import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/api.js';
import { SettingsStore } from './settings-store.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('SettingsStore', () => {
  it('starts from defaults when no file exists, without a warning', () => {
    const store = new SettingsStore(tempDir());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadWarning).toBeNull();
  });

  it('persists a partial update, merging nested notification fields', () => {
    const dir = tempDir();
    new SettingsStore(dir).update({ pollIntervalMs: 2000, notifications: { ignoredPorts: [5432] } });
    const reread = new SettingsStore(dir).get();
    expect(reread.pollIntervalMs).toBe(2000);
    expect(reread.notifications).toEqual({ ...DEFAULT_SETTINGS.notifications, ignoredPorts: [5432] });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).pollIntervalMs).toBe(2000);
  });

  it('keeps the valid fields of a damaged file and warns about the rest', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ pollIntervalMs: -5, killTimeoutMs: 5000 }));
    const store = new SettingsStore(dir);
    expect(store.get().pollIntervalMs).toBe(DEFAULT_SETTINGS.pollIntervalMs);
    expect(store.get().killTimeoutMs).toBe(5000);
    expect(store.loadWarning).toMatch(/invalid fields/);
  });

  it('falls back to defaults on a file that is not JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ nope');
    const store = new SettingsStore(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadWarning).toMatch(/not valid JSON/);
  });
});
