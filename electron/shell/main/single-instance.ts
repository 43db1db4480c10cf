/** One PortLens per user: a second launch focuses the first one's window and exits. */
import { app } from 'electron';

/**
 * Takes the single-instance lock. Returns false when another PortLens holds it (this process
 * should quit at once); otherwise calls `onSecondLaunch` whenever another launch is attempted.
 */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondLaunch());
  return true;
}
