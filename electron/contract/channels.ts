/** Channel names shared by the Electron IPC bridge and the preload. */
import type { CallName } from './api.js';

/** The IPC channel of a request/response call. */
export function callChannel(name: CallName): string {
  return `portlens:call:${name}`;
}

/** Main → renderer stream messages (snapshot, delta, reveal, error). */
export const STREAM_CHANNEL = 'portlens:stream';
/** Renderer → main: start the stream for this window (answered with a snapshot). */
export const STREAM_START_CHANNEL = 'portlens:stream-start';
