/**
 * Security checklist #5 (handle session permission requests): every permission is denied,
 * except, for our own origin, notifications and writing the clipboard (navigator.clipboard
 * .writeText: without it every "Copy" takes the execCommand fallback). Reading it stays denied. Both the request and the check handler are set;
 * the check handler covers APIs that only query (navigator.permissions, Notification.permission).
 */
import type { Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-origin.js';

/** What our own page may use. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

/** True when `permission` may be granted to a page at `url`. */
export function isAllowedPermission(permission: string, url: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && url !== undefined && (url === APP_ORIGIN || isAppUrl(url));
}

/** Installs the deny-all-but-those policy on `session`. */
export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin),
  );
  // No device pickers: HID, serial, USB and Bluetooth stay unreachable.
  session.setDevicePermissionHandler(() => false);
}
