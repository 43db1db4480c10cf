/**
 * The contract implemented on top of core, independent of any transport. Electron's IPC
 * bridge and the browser-mode server both wrap one Backend; neither knows how it works.
 */
import type { CallName, CallRequest, CallResponse, Result, StreamMessage } from '../../contract/api.js';

/** A transport-independent implementation of the PortLens contract. */
export interface Backend {
  /** Runs one call. Requests are validated by the transport before they get here. */
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<Result<CallResponse<N>>>;
  /**
   * Streams the monitor: the listener gets a full `snapshot` first (as soon as one exists),
   * then a `delta` per poll, and `error` messages when collection fails. Returns unsubscribe.
   */
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** Stops the monitor and releases its worker. */
  close(): Promise<void>;
}

/** Where a Backend keeps its files. */
export interface BackendOptions {
  /** settings.json lives here; restart logs under `logs/`. */
  dataDir: string;
  /** Path of the bundled monitor worker (dist/node/monitor-worker.mjs); null runs it in-process. */
  workerPath: string | null;
  /** Overrides the persisted poll interval (tests use a short one). */
  pollIntervalMs?: number;
  /** Record port history in the data directory (default true). */
  recordHistory?: boolean;
}
