/**
 * Entry point, kept tiny on purpose. In browser mode it opens the WebSocket and asks for the
 * stream at once, so the first snapshot travels while the app's code (boot.tsx: React, the
 * table…) downloads and compiles; Electron's preload has already put the API on
 * `window.portlens`, and the app starts on that.
 */
import { openEarlySocket } from './transport/early-socket';

const early = window.portlens ? null : openEarlySocket();
void import('./boot').then(({ boot }) => boot(early));
