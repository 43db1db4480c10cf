/**
 * The typed IPC bridge — the ONLY file that touches ipcMain (a structure test enforces it).
 * Every contract call has a handler on callChannel(name) that checks the sender
 * (checklist #17), validates the request (contract/validate.ts), and answers a Result; the
 * stream starts on STREAM_START_CHANNEL and flows on STREAM_CHANNEL.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, type Result, type StreamMessage } from '../../contract/api.js';
import { STREAM_CHANNEL, STREAM_START_CHANNEL, callChannel } from '../../contract/channels.js';
import { contractError } from '../../contract/validate.js';
import type { Backend } from '../../core/backend/backend.js';
import { dispatchCall } from './call-dispatch.js';
import { isTrustedSender } from './sender-check.js';
import type { StreamHub, StreamTarget } from './stream-hub.js';

/** What the bridge connects. */
export interface IpcBridgeOptions {
  backend: Backend;
  streams: StreamHub;
  /** The ids of the webContents allowed to call (our main window's). */
  trustedWebContentsIds(): ReadonlySet<number>;
  openExternal(url: string): Promise<void>;
}

/** Registers every handler; returns a function that removes them. */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    isTrustedSender(senderFacts(event), options.trustedWebContentsIds());
  const channels: string[] = [];

  for (const name of CALL_NAMES) {
    const channel = callChannel(name);
    ipcMain.handle(channel, (event, request: unknown) =>
      dispatchCall(name, request, {
        trusted: trusted(event),
        backend: options.backend,
        openExternal: options.openExternal,
      }),
    );
    channels.push(channel);
  }

  ipcMain.handle(STREAM_START_CHANNEL, (event): Result<Record<string, never>> => {
    if (!trusted(event)) {
      return {
        ok: false,
        error: contractError('refused', 'stream: the request did not come from the PortLens window'),
      };
    }
    options.streams.start(streamTarget(event.sender));
    return { ok: true, value: {} };
  });
  channels.push(STREAM_START_CHANNEL);

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** A webContents as a stream target: typed sends on STREAM_CHANNEL, and page-gone hooks. */
export function streamTarget(contents: WebContents): StreamTarget {
  return {
    id: contents.id,
    isDestroyed: () => contents.isDestroyed(),
    post: (message: StreamMessage) => contents.send(STREAM_CHANNEL, message),
    onPageGone(stop) {
      // A reload or navigation of the main frame starts a new page: it must ask again.
      const navigated = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
        if (details.isMainFrame && !details.isSameDocument) stop();
      };
      contents.on('did-start-navigation', navigated);
      contents.on('render-process-gone', stop);
      contents.once('destroyed', stop);
      return () => {
        if (contents.isDestroyed()) return;
        contents.off('did-start-navigation', navigated);
        contents.off('render-process-gone', stop);
        contents.off('destroyed', stop);
      };
    },
  };
}

function senderFacts(event: IpcMainInvokeEvent): Parameters<typeof isTrustedSender>[0] {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frame: frame ? { url: frame.url, origin: frame.origin, isMainFrame: frame.parent === null } : null,
  };
}
