/**
 * Security checklist #2, #3, #4, #6, #8, #9, #10, #12 in one place: the main window's
 * webPreferences. The renderer gets no Node, runs sandboxed and isolated from the preload, and
 * can embed no <webview>. E2E tests read them back from the live window.
 */
import type { WebPreferences } from 'electron';

/** The webPreferences of every PortLens window, given the bundled preload's path. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
