/**
 * Security checklist #12, #13, #14: for every webContents the app ever creates, no navigation
 * away from the loaded page, no <webview>, and no new windows. A window.open of a loopback
 * http(s) URL (a dev server the user clicked) opens in the default browser instead (#15).
 */
import { app, shell, type WebContents } from 'electron';
import { loopbackHttpUrl } from './external-links.js';

/** Applies the guards to every webContents from now on. Call before any window exists. */
export function installNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents) => guard(contents));
}

function guard(contents: WebContents): void {
  // The renderer is a single page; any navigation is an attack or a stray link.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = loopbackHttpUrl(url);
    // Outside the handler, so a slow desktop launcher never blocks the renderer's call.
    if (safe) setImmediate(() => void shell.openExternal(safe).catch(() => undefined));
    return { action: 'deny' };
  });
}
