import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, Settings } from '../../contract/api.js';
import { SettingsStore } from './settings-store.js';

// writeSync passes through, unless a test arms `failNextWrite` (a full disk mid-save).
const hooks = vi.hoisted(() => ({ failNextWrite: false }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    writeSync: (...args: Parameters<typeof actual.writeSync>) => {
      if (hooks.failNextWrite) {
        hooks.failNextWrite = false;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return (actual.writeSync as (...a: unknown[]) => number)(...args);
    },
  };
});

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  hooks.failNextWrite = false;
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

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

  it.skipIf(process.platform === 'win32')(
    'creates the data directory 0700 and settings.json 0600 even under umask 000; tightens an existing 0755 directory',
    () => {
      const dir = join(tempDir(), 'PortLens');
      const previous = process.umask(0);
      try {
        new SettingsStore(dir).update({ pollIntervalMs: 2000 });
      } finally {
        process.umask(previous);
      }
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);

      chmodSync(dir, 0o755);
      new SettingsStore(dir).update({ pollIntervalMs: 3000 });
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    },
  );

  it('a save that fails midway keeps the old settings, on disk and in memory, and leaves no temp file', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    store.update({ pollIntervalMs: 2000 });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    hooks.failNextWrite = true;
    expect(() => store.update({ pollIntervalMs: 5000 })).toThrow(/ENOSPC/);
    expect(store.get().pollIntervalMs).toBe(2000);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it(
    'a writer killed (SIGKILL) at random moments mid-save always leaves a complete, valid settings.json',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const writer = join(dir, 'writer.mjs');
      await build({
        stdin: { contents: WRITER, resolveDir: import.meta.dirname, loader: 'ts', sourcefile: 'writer.ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: writer,
        logLevel: 'silent',
      });
      const dataDir = join(dir, 'data');
      let sizes = 0;
      for (let round = 0; round < 12; round++) {
        await killMidSave(writer, dataDir, Math.floor(Math.random() * 40));
        const text = readFileSync(join(dataDir, 'settings.json'), 'utf8');
        sizes += text.length;
        expect(Settings.safeParse(JSON.parse(text)).success).toBe(true);
        expect(new SettingsStore(dataDir).loadWarning).toBeNull();
      }
      expect(sizes).toBeGreaterThan(0);
      // A kill between creating and renaming the temp file can leave one behind: private, ignored.
      for (const name of readdirSync(dataDir).filter((n) => n !== 'settings.json')) {
        expect(name).toMatch(/^\.settings\.json\.[0-9a-f]{16}\.tmp$/);
        if (process.platform !== 'win32') expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
      }
    },
  );
});

/** Saves settings in a loop as fast as it can, each save a different size (up to ~90 KB). */
const WRITER = `
import { SettingsStore } from './settings-store.js';
const store = new SettingsStore(process.argv[2]);
const names = Array.from({ length: 500 }, (_, i) => 'a-long-process-name-'.repeat(8) + i);
for (let n = 1; ; n++) {
  store.update({ pollIntervalMs: 200 + (n % 1000), notifications: { ignoredProcesses: names.slice(0, 1 + ((n * 37) % 500)) } });
  if (n === 1) process.stdout.write('ready\\n');
}
`;

/** Starts the writer, lets it save for `afterMs` after its first save, then SIGKILLs it. */
function killMidSave(writer: string, dataDir: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited early: ${code ?? signal}`)),
    );
  });
}
