/**
 * Transports that can lose their link (the web transport) report their state through
 * `connection()` / `onConnectionChange()`. These are outside the PortLensApi contract, so
 * they are detected by shape; a transport without them (Electron IPC) is watched instead.
 */
import type { ConnectionState } from './connection-watch';

/** The optional members a connection-aware transport adds to PortLensApi. */
export interface ConnectionAware {
  connection(): string;
  onConnectionChange(listener: (state: string) => void): () => void;
}

/** The api as a ConnectionAware, or null when it does not report its connection. */
export function asConnectionAware(api: object): ConnectionAware | null {
  const candidate = api as Partial<ConnectionAware>;
  return typeof candidate.connection === 'function' && typeof candidate.onConnectionChange === 'function'
    ? (candidate as ConnectionAware)
    : null;
}

/** The web transport's states (`connecting`, `open`, `reconnecting`, `gone`, `stale`, `closed`) as the UI's. */
export function toConnectionState(state: string): ConnectionState {
  if (state === 'open') return 'connected';
  if (state === 'closed') return 'disconnected';
  if (state === 'gone' || state === 'stale') return state;
  return 'retrying';
}
