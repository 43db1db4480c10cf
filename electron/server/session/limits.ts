/** Per-connection limits of a browser-mode WebSocket session. */

/** Per-connection limits; the defaults suit one person's browser tabs. */
export interface SessionLimits {
  /** Frames a client may send in a burst, refilled at `messagesPerSecond`. */
  burstMessages: number;
  messagesPerSecond: number;
  /** Calls a client may have running at once. */
  concurrentCalls: number;
  /** Above this many unsent bytes, deltas for the client are dropped... */
  highWaterBytes: number;
  /** ...until the buffer drains below this; then it gets a fresh snapshot. */
  lowWaterBytes: number;
  /** A client that does not answer a ping within this long is dropped. */
  heartbeatMs: number;
  /** A snapshot's rest goes this long after its first part even if the client does not ask. */
  restUnaskedMs: number;
}

/** Defaults for `SessionLimits`. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  burstMessages: 200,
  messagesPerSecond: 100,
  concurrentCalls: 16,
  highWaterBytes: 8 * 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  heartbeatMs: 30_000,
  restUnaskedMs: 3000,
};
