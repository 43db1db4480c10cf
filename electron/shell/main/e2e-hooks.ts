/**
 * Test-only hooks, present only when PORTLENS_E2E=1: Playwright reads them with
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

/** True when running under the e2e suite. */
export function isE2E(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PORTLENS_E2E === '1';
}

/** Publishes the hooks on globalThis (only under e2e). */
export function exposeE2EHooks(hooks: E2EHooks): void {
  if (isE2E()) globalThis.__portlensE2E = hooks;
}
