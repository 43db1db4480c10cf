/**
 * Test-only hooks, present only when PORTLENS_E2E=1 in an app run from the sources (never in a
 * packaged one, whatever its environment says): Playwright reads them with
 * `electronApp.evaluate(() => globalThis.__portlensE2E…)`. A test cannot open an OS tray menu
 * or see a native notification popup, so the shell exposes what it gave the OS.
 */
import type { PortNotification } from '../../contract/api.js';

/** What the e2e tests can read and do. */
export interface E2EHooks {
  trayLabels(): string[];
  trayTooltip(): string;
  /** Clicks a tray menu item by its label; false when there is none (or it has no action). */
  clickTrayItem(label: string): boolean;
  notifications(): readonly PortNotification[];
  windowVisible(): boolean;
}

declare global {
  var __portlensE2E: E2EHooks | undefined;
}

/**
 * True when running under the e2e suite: PORTLENS_E2E=1 and not packaged (`app.isPackaged`), so
 * an installed PortLens never opens DevTools, path and poll overrides or these globals to
 * whoever can set its environment.
 */
export function isE2E(env: NodeJS.ProcessEnv, packaged: boolean): boolean {
  return env.PORTLENS_E2E === '1' && !packaged;
}

/** Publishes the hooks on globalThis when `e2e` (isE2E's answer). */
export function exposeE2EHooks(e2e: boolean, hooks: E2EHooks): void {
  if (e2e) globalThis.__portlensE2E = hooks;
}
