/**
 * Browser mode's wire format: the contract's calls and stream carried as JSON text frames over
 * one WebSocket. Both ends validate every frame with these schemas; a call's `value` is then
 * checked against that call's own response schema by the client, which knows what it asked.
 */
import { z } from 'zod';
import { ContractError, StreamMessage } from './api.js';

/** Path of the WebSocket endpoint on the browser-mode server. */
export const WS_PATH = '/ws';

/** Largest frame either side accepts; the server closes a connection that sends more (1009). */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024;

/** A request id: chosen by the client, echoed by the server. */
const RequestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Client → server: run one call. `call` and `request` are checked with `parseCall`. */
export const WsCallMessage = z.object({
  id: RequestId,
  call: z.string().max(64),
  request: z.unknown(),
});
export type WsCallMessage = z.infer<typeof WsCallMessage>;

/** Client → server: start the stream (a snapshot, then deltas). Sent again after a reconnect. */
export const WsSubscribeMessage = z.object({ type: z.literal('subscribe') }).strict();
export type WsSubscribeMessage = z.infer<typeof WsSubscribeMessage>;

/** Client → server: stop the stream. */
export const WsUnsubscribeMessage = z.object({ type: z.literal('unsubscribe') }).strict();
export type WsUnsubscribeMessage = z.infer<typeof WsUnsubscribeMessage>;

/** Everything a client may send. */
export const WsClientMessage = z.union([WsCallMessage, WsSubscribeMessage, WsUnsubscribeMessage]);
export type WsClientMessage = z.infer<typeof WsClientMessage>;

/** A call's outcome on the wire; `value` is validated by the client against the call's response. */
export const WsResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ContractError }),
]);
export type WsResult = z.infer<typeof WsResult>;

/**
 * Server → client: the answer to call `id`. `id` is null when the frame it answers could not be
 * read far enough to find one (invalid JSON, a binary frame).
 */
export const WsReplyMessage = z.object({ id: RequestId.nullable(), result: WsResult });
export type WsReplyMessage = z.infer<typeof WsReplyMessage>;

/** Server → client: one stream message. */
export const WsStreamMessage = z.object({ stream: StreamMessage });
export type WsStreamMessage = z.infer<typeof WsStreamMessage>;

/** Everything a server may send. */
export const WsServerMessage = z.union([WsReplyMessage, WsStreamMessage]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;
