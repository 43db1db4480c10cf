/**
 * The WebSocket frames of the stream, made once per message and encoding for every page that
 * streams it (the backend hands all subscribers the same delta object, and the same snapshot
 * object until the next poll; a 20,000-row snapshot is megabytes of JSON, and packing it takes a
 * while too).
 *
 * A big snapshot goes to a packed subscriber in two frames: first its listening sockets (with
 * every process), packed at once, so the page shows them moments after its socket opens; then
 * the other rows in a `snapshot-rest` frame, packed when the page asks for them (once it has
 * shown the first part), a column per turn of the event loop so the server keeps serving
 * meanwhile. Packing all 20,000 rows before sending anything kept the page's first data waiting
 * on the slowest part of the server's work, and packing them while the page rendered took CPU
 * from it.
 */
import type { StreamMessage } from '../contract/api.js';
import type { Snapshot, SocketRow } from '../contract/model.js';
import { isListening } from '../contract/row-fields.js';
import {
  packRowsSteps,
  packSnapshot,
  packStreamMessage,
  worthPacking,
  type PackedStreamMessage,
} from '../contract/wire/packed-stream.js';
import type { WsEncoding } from '../contract/wire/ws-protocol.js';

/** A snapshot's frames for a packed subscriber. */
export interface SnapshotFrames {
  /** The whole snapshot, or its first part (its `rest` counts the rows of `rest`). */
  first: string;
  /**
   * The `snapshot-rest` frame with the other rows, packed on the first call (later calls share
   * it); null when `first` is the whole snapshot.
   */
  rest: (() => Promise<string>) | null;
}

/**
 * A snapshot is split when at least this many of its rows are not listening sockets: below that,
 * packing it whole takes a few milliseconds and one frame shows it all.
 */
export const SPLIT_FROM_ROWS = 2000;

const plainFrames = new WeakMap<object, string>();
const packedFrames = new WeakMap<object, string>();
const snapshotFrames = new WeakMap<Snapshot, SnapshotFrames>();

/**
 * The frame for a stream message other than a packed subscriber's snapshot (see
 * `packedSnapshotFrames`). A packed subscriber reads plain frames too: small deltas are cheaper
 * to send plain.
 */
export function streamFrame(message: StreamMessage, wanted: WsEncoding): string {
  const packed = wanted === 'packed' && worthPacking(message);
  const cache = packed ? packedFrames : plainFrames;
  const key = message.type === 'snapshot' ? message.snapshot : message;
  let frame = cache.get(key);
  if (frame === undefined) {
    const packedMessage = packed ? packStreamMessage(message) : null;
    frame = packedMessage ? packedText(packedMessage) : JSON.stringify({ stream: message });
    cache.set(key, frame);
  }
  return frame;
}

/** A snapshot's frames for a packed subscriber: whole, or split in two (see the file comment). */
export function packedSnapshotFrames(snapshot: Snapshot): SnapshotFrames {
  let frames = snapshotFrames.get(snapshot);
  if (!frames) {
    frames = makeFrames(snapshot);
    snapshotFrames.set(snapshot, frames);
  }
  return frames;
}

function makeFrames(snapshot: Snapshot): SnapshotFrames {
  const first: SocketRow[] = [];
  const rest: SocketRow[] = [];
  // A page shows first the sockets that accept connections or datagrams (the services).
  for (const row of snapshot.sockets) (isListening(row) ? first : rest).push(row);
  if (rest.length < SPLIT_FROM_ROWS) {
    return { first: packedText({ type: 'snapshot', snapshot: packSnapshot(snapshot) }), rest: null };
  }
  const head = packSnapshot({ ...snapshot, sockets: first });
  let packing: Promise<string> | null = null;
  return {
    first: packedText({ type: 'snapshot', snapshot: head, rest: rest.length }),
    rest: () => (packing ??= packRestInSteps(snapshot.seq, rest)),
  };
}

/** Packs the rest a column per turn of the event loop; resolves with its frame. */
function packRestInSteps(seq: number, rows: readonly SocketRow[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const steps = packRowsSteps(rows);
    const advance = (): void => {
      try {
        const step = steps.next();
        if (!step.done) return void setImmediate(advance);
        resolve(packedText({ type: 'snapshot-rest', seq, sockets: step.value, rest: 0 }));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    setImmediate(advance);
  });
}

function packedText(packed: PackedStreamMessage): string {
  return JSON.stringify({ packed });
}
