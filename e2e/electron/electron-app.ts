/**
 * The Electron e2e harness: finds the Electron binary (or says why it cannot run), launches the
 * built app (dist/, via package.json's main) in a fresh profile with the test hooks on, waits
 * for its window and hooks instead of sleeping, and always ends the process it started.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import type { PortLensApi } from '../../electron/contract/api.js';
import { electronBinary } from '../../scripts/lib/electron-binary.mjs';
// The hooks' global type (globalThis.__portlensE2E), read inside electronApp.evaluate.
import type {} from '../../electron/shell/main/e2e-hooks.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable as node_modules/electron/index.js resolves it, or null when absent. */
export function electronExecutable(): string | null {
  return electronBinary(ROOT);
}

/** Why the Electron tests cannot run on this machine, or null when they can. */
export function unavailableReason(): string | null {
  if (!electronExecutable()) {
    return 'the Electron binary is not installed (node_modules/electron has no dist/ or path.txt: its download from GitHub is unreachable here)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display to open a window on (run the suite under xvfb-run)';
  }
  return null;
}

const reason = unavailableReason();
/** True when the Electron project can run here. */
export const electronAvailable = reason === null;
/** The printed skip reason. */
export const skipReason = `Electron e2e skipped: ${reason ?? ''}`;
if (reason) console.log(skipReason);

/** A launched PortLens. */
export interface PortLensApp {
  electron: ElectronApplication;
  window: Page;
  dataDir: string;
}

/**
 * The page's globals as tests use them inside `window.evaluate` (this project is type-checked
 * for Node, so the DOM's `window` is reached through globalThis).
 */
export type PageGlobals = {
  portlens: PortLensApi;
  open(url: string): unknown;
  location: { href: string };
} & Record<string, unknown>;

/** The environment of a launched app (also used to start a second instance). */
export function appEnvironment(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORTLENS_E2E: '1',
    // The app's one data directory (core/paths.ts): settings, Chromium's profile and the lock.
    PORTLENS_DATA_DIR: dataDir,
    PORTLENS_POLL_MS: '500',
    // "Start at login" writes $XDG_CONFIG_HOME/autostart on Linux: never the person's own.
    XDG_CONFIG_HOME: join(dataDir, 'config'),
  };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Chromium refuses to start as root with its OS sandbox; CI runs as root. (webPreferences.sandbox still applies.) */
export function launchArgs(): string[] {
  return ['.', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
}

/** Launches the built app and waits until its window and hooks are up. */
export async function launchPortLens(): Promise<PortLensApp> {
  const main = join(ROOT, 'dist', 'electron', 'main.cjs');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`node scripts/build.mjs\` before the e2e tests`);
  const dataDir = mkdtempSync(join(tmpdir(), 'portlens-electron-e2e-'));
  let electron: ElectronApplication | null = null;
  try {
    electron = await _electron.launch({
      executablePath: electronExecutable() ?? undefined,
      args: launchArgs(),
      cwd: ROOT,
      env: appEnvironment(dataDir) as Record<string, string>,
      timeout: 60_000,
    });
    const app = electron;
    const window = await app.firstWindow({ timeout: 60_000 });
    await window.waitForLoadState('domcontentloaded');
    await expect
      .poll(() => app.evaluate(() => globalThis.__portlensE2E !== undefined), { timeout: 30_000 })
      .toBe(true);
    return { electron: app, window, dataDir };
  } catch (error) {
    // Never leave a half-started app behind.
    electron?.process().kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Ends the app (quit, then SIGKILL of its own pid if it hangs) and removes its profile. */
export async function closePortLens(app: PortLensApp): Promise<void> {
  const child = app.electron.process();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    await app.electron.close();
  } finally {
    clearTimeout(timer);
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/** The Electron project's `test`: each test gets its own app, closed afterwards even on failure. */
export const test = base.extend<{ portlensApp: PortLensApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  portlensApp: async ({}, use) => {
    const app = await launchPortLens();
    try {
      await use(app);
    } finally {
      await closePortLens(app);
    }
  },
});

export { expect };
