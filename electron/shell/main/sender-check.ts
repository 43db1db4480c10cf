/**
 * Security checklist #17 (validate the sender of every IPC message): a call is handled only
 * when it comes from our own window's main frame showing our own origin. A frame that
 * navigated elsewhere, a subframe, or any other webContents gets a typed refusal.
 */
import { isAppUrl, APP_ORIGIN } from './app-origin.js';

/** The facts about an IPC sender that the check needs (read from IpcMainInvokeEvent). */
export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame`, or null when the frame is already gone. */
  frame: { url: string; origin: string; isMainFrame: boolean } | null;
}

/** True when the sender is the main frame of a trusted webContents showing app://portlens. */
export function isTrustedSender(sender: SenderFacts, trustedWebContentsIds: ReadonlySet<number>): boolean {
  if (!trustedWebContentsIds.has(sender.webContentsId)) return false;
  const frame = sender.frame;
  if (!frame || !frame.isMainFrame) return false;
  return frame.origin === APP_ORIGIN && isAppUrl(frame.url);
}
