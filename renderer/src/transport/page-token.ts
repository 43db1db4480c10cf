/**
 * Browser mode's access token, as the page holds it. `portlens serve` prints a URL with the
 * token in its fragment (`/#token=…`): a browser never sends a fragment in a request or a
 * Referer. The entry module moves it into this tab's sessionStorage, which is scoped to the
 * page's origin — and an origin includes the port, so no other 127.0.0.1 server can read it,
 * unlike a cookie — and clears it from the address bar. A reload finds it there again.
 */

/** sessionStorage key of the token. */
export const TOKEN_KEY = 'portlens.token';

/** Shown when the page was opened without a token (typed by hand, or a bookmark). */
export const NO_TOKEN_MESSAGE =
  'This page needs its access token: open PortLens with the URL `portlens serve` printed (it ends in #token=…).';

/** Shown when the server refused the token this tab holds. */
export const WRONG_TOKEN_MESSAGE =
  'The PortLens server refused this page’s access token. Each `portlens serve` makes a new one: open the URL it printed this time.';

/** What the token reader touches; the page's own objects by default (tests pass stand-ins). */
export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
}

function pagePlace(): TokenPlace {
  let storage: Storage | undefined;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    // Storage can be switched off; the token then lives only as long as this page.
    storage = undefined;
  }
  return { location, history, storage };
}

/**
 * The page's token: taken from the fragment (then kept in this tab's storage and cleared from
 * the address bar), else the one this tab kept; null when there is none.
 */
export function takePageToken(place: TokenPlace = pagePlace()): string | null {
  const fromFragment = new URLSearchParams(place.location.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    try {
      place.storage?.setItem(TOKEN_KEY, fromFragment);
    } catch {
      // Full or disabled storage: this page still works; a reload will ask for the URL again.
    }
    // Out of the address bar, bookmarks, screenshots and screen shares.
    place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}`);
    return fromFragment;
  }
  try {
    return place.storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Forgets a token the server refused, so a reload does not offer it again. */
export function forgetPageToken(place: TokenPlace = pagePlace()): void {
  try {
    place.storage?.removeItem(TOKEN_KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
