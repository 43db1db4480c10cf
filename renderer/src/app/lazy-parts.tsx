/**
 * Parts of the window that are not on screen when it opens (the owner panel, the row menu, the
 * settings and action dialogs) load on demand: the first data then waits only for the code that
 * shows it. They are fetched as soon as the user stirs (moves the pointer, presses a key), which
 * comes well before the click that opens one; a window nobody touches fetches nothing more.
 */
import { lazy } from 'react';

const loadPanel = () => import('../panel/owner-panel');
const loadRowMenu = () => import('../actions/row-menu');
const loadSettings = () => import('../settings/settings-dialog');
const loadKill = () => import('../actions/kill-dialog');
const loadRestart = () => import('../actions/restart-dialog');

/** The owner panel (lazy). */
export const OwnerPanel = lazy(() => loadPanel().then((module) => ({ default: module.OwnerPanel })));
/** The row context menu (lazy). */
export const RowMenu = lazy(() => loadRowMenu().then((module) => ({ default: module.RowMenu })));
/** The settings dialog (lazy). */
export const SettingsDialog = lazy(() =>
  loadSettings().then((module) => ({ default: module.SettingsDialog })),
);
/** The kill confirmation (lazy). */
export const KillDialog = lazy(() => loadKill().then((module) => ({ default: module.KillDialog })));
/** The close-connection confirmation (lazy). */
export const CloseConnectionDialog = lazy(() =>
  import('../actions/close-connection-dialog').then((module) => ({ default: module.CloseConnectionDialog })),
);
/** The restart confirmation (lazy). */
export const RestartDialog = lazy(() => loadRestart().then((module) => ({ default: module.RestartDialog })));

const STIR_EVENTS = ['pointermove', 'pointerdown', 'keydown'] as const;

/**
 * Fetches every lazy part on the user's first pointer move or key press (once). A failed fetch
 * is retried when the part is first used. Returns a function that stops waiting.
 */
export function prefetchLazyPartsOnInteraction(): () => void {
  const stop = () => {
    for (const type of STIR_EVENTS) window.removeEventListener(type, load, true);
  };
  const load = () => {
    stop();
    for (const part of [loadPanel, loadRowMenu, loadSettings, loadKill, loadRestart])
      void part().catch(() => undefined);
  };
  for (const type of STIR_EVENTS) window.addEventListener(type, load, { capture: true, passive: true });
  return stop;
}
