/** What the app's page exposes, for `page.evaluate` callbacks in the e2e tests. */
import type { PortLensApi } from '../../electron/contract/api.js';

declare global {
  interface Window {
    /** The API (web transport in browser mode, the preload in Electron). */
    portlens?: PortLensApi;
  }
}

export {};
