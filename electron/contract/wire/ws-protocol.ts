/**
 * Browser mode's wire format: the contract's calls and stream carried as JSON text frames over
 * one WebSocket. The server validates every client frame with these schemas. The page reads
 * server frames with ws-frames.ts (the same rules without zod, so it can check the first
 * snapshot before zod has loaded; ws-frames.test.ts proves them equal); a call's `value` is
 * then checked against that call's own response schema by the client, which knows what it asked.
 */
import { z } from 'zod';
import { ContractError, StreamMessage } from '../api.js';

export { WS_MAX_MESSAGE_BYTES, WS_PATH, WS_STREAM_PROTOCOL, type WsEncoding } from './ws-frames.js';

/** A request id: chosen by the client, echoed by the server. */
const RequestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Client → server: run one call. `call` and `request` are checked with `parseCall`. */
export const WsCallMessage = z.object({
  id: RequestId,
  call: z.string().max(64),
  request: z.unknown(),
});
export type WsCallMessage = z.infer<typeof WsCallMessage>;

/**
 * Client → server: start the stream (a snapshot, then deltas). Sent again after a reconnect.
 * `encoding: 'packed'` asks for snapshots and deltas as `{ packed }` frames (packed-stream.ts).
 */
export const WsSubscribeMessage = z
  .object({ type: z.literal('subscribe'), encoding: z.enum(['json', 'packed']).optional() })
  .strict();
export type WsSubscribeMessage = z.infer<typeof WsSubscribeMessage>;

/** Client → server: stop the stream. */
export const WsUnsubscribeMessage = z.object({ type: z.literal('unsubscribe') }).strict();
export type WsUnsubscribeMessage = z.infer<typeof WsUnsubscribeMessage>;

/**
 * Client → server: send the rest of the snapshot that came in parts (a `snapshot` stream message
 * with `rest`). The page asks once it has shown the first part: packing the rest earlier took
 * CPU from the page while it was rendering that part. The server sends it unasked after a while.
 */
export const WsSnapshotRestMessage = z.object({ type: z.literal('snapshot-rest') }).strict();
export type WsSnapshotRestMessage = z.infer<typeof WsSnapshotRestMessage>;

/** Everything a client may send. */
export const WsClientMessage = z.union([
  WsCallMessage,
  WsSubscribeMessage,
  WsUnsubscribeMessage,
  WsSnapshotRestMessage,
]);
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

/**
 * Server → client: a snapshot or delta in the packed form, to a client that asked for it. Only
 * the envelope is a schema; `unpackStreamMessage` checks the columns value by value.
 */
export const WsPackedMessage = z.object({
  packed: z.looseObject({ type: z.enum(['snapshot', 'snapshot-rest', 'delta']) }),
});
export type WsPackedMessage = z.infer<typeof WsPackedMessage>;

/** Everything a server may send. */
export const WsServerMessage = z.union([WsReplyMessage, WsStreamMessage, WsPackedMessage]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;
