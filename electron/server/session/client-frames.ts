/**
 * Reads one client frame: JSON text, checked against the contract's client messages and, for a
 * call, its request schema. Anything wrong is an `invalid-request` to reply with, never a throw.
 */
import type { RawData } from 'ws';
import type { CallName, CallRequest, ContractError } from '../../contract/api.js';
import { contractError, describeIssues, parseCall } from '../../contract/validate.js';
import { WsClientMessage, type WsEncoding } from '../../contract/wire/ws-protocol.js';

/** What a client frame asks for. */
export type ClientFrame =
  | { kind: 'call'; id: number; name: CallName; request: CallRequest<CallName> }
  | { kind: 'subscribe'; encoding: WsEncoding }
  | { kind: 'unsubscribe' }
  | { kind: 'snapshot-rest' }
  /** Unreadable: reply with `error` to `id` (null when the frame has no usable id). */
  | { kind: 'invalid'; id: number | null; error: ContractError };

/** Reads a frame as the session acts on it. */
export function readClientFrame(data: RawData, isBinary: boolean): ClientFrame {
  if (isBinary) return invalid(null, 'binary frames are not accepted; send JSON text');
  let json: unknown;
  try {
    json = JSON.parse(rawText(data));
  } catch {
    return invalid(null, 'the frame is not valid JSON');
  }
  const parsed = WsClientMessage.safeParse(json);
  if (!parsed.success) return invalid(idOfJson(json), `invalid message: ${describeIssues(parsed.error)}`);
  const message = parsed.data;
  if ('type' in message) {
    if (message.type === 'subscribe') return { kind: 'subscribe', encoding: message.encoding ?? 'json' };
    return { kind: message.type };
  }
  const call = parseCall(message.call, message.request);
  if (!call.ok) return { kind: 'invalid', id: message.id, error: call.error };
  return { kind: 'call', id: message.id, name: call.value.name, request: call.value.request };
}

/** The `id` of a frame, when it has a usable one (to address a refusal without reading it all). */
export function frameId(data: RawData, isBinary: boolean): number | null {
  if (isBinary) return null;
  try {
    return idOfJson(JSON.parse(rawText(data)));
  } catch {
    return null;
  }
}

function invalid(id: number | null, message: string): ClientFrame {
  return { kind: 'invalid', id, error: contractError('invalid-request', message) };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function idOfJson(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const { id } = json as { id: unknown };
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
