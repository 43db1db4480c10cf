/**
 * Browser mode's WebSocket frames without zod: the constants both ends share and the page's
 * reader of server frames (stream messages, packed or plain, and call replies), built on the
 * hand-written checks of wire-check.ts. The page can load this before anything else (it is a
 * few kilobytes) and so open its socket and check the first snapshot without waiting for zod.
 * ws-protocol.ts holds the same frames as zod schemas; ws-frames.test.ts keeps them in step.
 */
import type { Result, StreamMessage } from '../api.js';
import { unpackStreamMessage } from './packed-stream.js';
import {
  checked,
  contractError,
  fail,
  isRecord,
  record,
  streamMessage,
  within,
  type Checked,
} from './wire-check.js';

/** Path of the WebSocket endpoint on the browser-mode server. */
export const WS_PATH = '/ws';

/** Largest frame either side accepts; the server closes a connection that sends more (1009). */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The WebSocket subprotocol that subscribes at connect time: the server starts the stream
 * (packed) as soon as the socket opens, without waiting for a `subscribe` frame, so the first
 * snapshot is on its way while the page is still busy loading its code.
 */
export const WS_STREAM_PROTOCOL = 'portlens.stream.packed';

/**
 * A page proves the access token as one more WebSocket subprotocol, `portlens.token.<token>`:
 * a browser's WebSocket can set no header but this one, and it travels only to the server the
 * page connects to (never to another port, as a cookie would). The server never selects it, so
 * it is not echoed back. The token is base64url, whose characters are all valid there.
 */
export const WS_TOKEN_PROTOCOL_PREFIX = 'portlens.token.';

/** The subprotocols a page offers: the stream, and the token that admits it. */
export function pageSubprotocols(token: string): string[] {
  return [WS_STREAM_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`];
}

/** Where a page checks its token over HTTP (`Authorization: Bearer`): 204 when it is valid. */
export const SESSION_PATH = '/session';

/**
 * How a subscriber wants snapshots and deltas: `json` as the contract's objects, `packed` as
 * columns (packed-stream.ts). Other stream messages are always plain.
 */
export type WsEncoding = 'json' | 'packed';

/** What the page makes of one server frame. */
export type ServerFrame =
  | { kind: 'stream'; message: StreamMessage }
  /** `value` is unchecked here: the caller knows which call it answers and checks it. */
  | { kind: 'reply'; id: number | null; result: Result<unknown> };

/**
 * Reads a parsed server frame: `{ stream }`, `{ packed }` or `{ id, result }`. Everything is
 * checked except a reply's value.
 */
export function readServerFrame(json: unknown): Checked<ServerFrame> {
  return checked(serverFrame, json);
}

function serverFrame(json: unknown): ServerFrame {
  const v = record(json);
  if ('stream' in v) return { kind: 'stream', message: within('stream', () => streamMessage(v.stream)) };
  if ('packed' in v) {
    const unpacked = unpackStreamMessage(v.packed);
    if (!unpacked.ok) return fail(unpacked.issue, 'packed');
    return { kind: 'stream', message: unpacked.value };
  }
  const id = v.id === null ? null : requestId(v.id);
  const result = within('result', () => {
    const r = record(v.result);
    if (r.ok === true) {
      if (!('value' in r)) fail('expected a value', 'value');
      return { ok: true as const, value: r.value };
    }
    if (r.ok === false) return { ok: false as const, error: within('error', () => contractError(r.error)) };
    return fail('expected ok true or false', 'ok');
  });
  return { kind: 'reply', id, result };
}

function requestId(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    fail('expected a request id (an integer ≥ 0) or null', 'id');
  return value as number;
}

/** True if `json` looks like a frame of the stream (for the page's timing marks only). */
export function isSnapshotFrame(json: unknown): boolean {
  if (!isRecord(json)) return false;
  const body = json.stream ?? json.packed;
  return isRecord(body) && body.type === 'snapshot';
}
