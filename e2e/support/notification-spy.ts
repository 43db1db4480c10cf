/**
 * Records the page's `new Notification(...)` calls. An init script wraps the real
 * window.Notification (the permission is granted through the browser context, so the real API
 * runs too); the test reads what was shown from `window.__notificationsShown`. A headless shell
 * (chrome-headless-shell, as @sparticuz/chromium ships) has no notification service and says
 * `denied` whatever the context grants: there a stand-in that says `granted` takes the calls,
 * so what is tested, when the app notifies and with what, is the same in every Chromium.
 */
import type { Page } from '@playwright/test';

/** One notification the page created. */
export interface ShownNotification {
  title: string;
  body: string | null;
}

/** Installs the spy on every document the page loads from now on. */
export async function installNotificationSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string | null }[] = [];
    (window as unknown as { __notificationsShown: typeof shown }).__notificationsShown = shown;
    const Real = window.Notification;
    if (!Real) return;
    if (Real.permission !== 'granted') {
      class StandIn {
        static readonly permission = 'granted';
        static requestPermission = (): Promise<NotificationPermission> => Promise.resolve('granted');
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body ?? null });
        }
        close(): void {}
      }
      window.Notification = StandIn as unknown as typeof Notification;
      return;
    }
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? null });
        super(title, options);
      }
    }
    window.Notification = Recorded;
  });
}

/** The notifications the page created so far. */
export function notificationsShown(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(() => (window as unknown as { __notificationsShown?: ShownNotification[] }).__notificationsShown ?? []);
}
