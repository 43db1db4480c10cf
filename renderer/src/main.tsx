/**
 * Entry point, kept tiny on purpose. In browser mode it takes the access token from the URL and
 * opens the WebSocket with it, asking for the
 * stream at once, so the first snapshot travels while the app's code (boot.tsx: React, the
 * table…) downloads and compiles; Electron's preload has already put the API on
 * `window.portlens`, and the app starts on that.
 */
import { readStoredPrefs } from './filter/stored-prefs';
import { openEarlySocket } from './transport/early-socket';
import { takePageToken } from './transport/page-token';
import { prepareFormatters } from './ui/format-number';

// Browser mode: the token from the URL's fragment (or this tab's storage) opens the socket.
const token = window.portlens ? null : takePageToken();
const early = token ? openEarlySocket(token) : null;
// Pasting the URL with the token into this tab changes only the fragment (no reload): start over.
if (!window.portlens) addEventListener('hashchange', () => location.hash.includes('token=') && location.reload());
const app = import('./boot');
// Work the first render needs that waits on the browser: done while the app's code downloads.
const storedPrefs = readStoredPrefs();
prepareFormatters();
void app.then(({ boot }) => boot(early, storedPrefs));
