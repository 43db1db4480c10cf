/**
 * Security checklist #18 (avoid file://, prefer a custom protocol): the renderer is served
 * from `app://portlens/`, a standard, secure scheme with an origin of its own. file:// would
 * give the page every local file as "same origin" and an origin ("null"/file) that the IPC
 * sender check could not tell apart from any other local page.
 */

/** The renderer's scheme, registered as privileged before `ready`. */
export const APP_SCHEME = 'app';
/** The one host the scheme serves. */
export const APP_HOST = 'portlens';
/** The renderer's origin, as Chromium serializes it (WebFrameMain.origin). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page of ours (parsed, never prefix-matched: `app://portlens.evil` is not). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
    );
  } catch {
    return false;
  }
}
