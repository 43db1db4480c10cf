/**
 * The raw stored view preferences, read by the page's tiny entry module: the first
 * localStorage access of a page waits on the browser (a few to a few tens of milliseconds),
 * and done there it overlaps the download of the app's code instead of delaying its start.
 * view-prefs.ts validates what this returns.
 */

/** localStorage key; bump the version when the shape changes incompatibly. */
export const PREFS_KEY = 'portlens.view.v1';

/** The stored text, or null (nothing stored, or storage unavailable: private mode, file:// quirks). */
export function readStoredPrefs(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | null {
  try {
    return storage?.getItem(PREFS_KEY) ?? null;
  } catch {
    return null;
  }
}
