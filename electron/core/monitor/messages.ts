/** What a monitor says to its subscribers (and what its worker posts to the host). */
import type { Delta, Snapshot } from '../model.js';

export type MonitorMessage =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'delta'; delta: Delta }
  | { type: 'error'; message: string }
  /** Duration of the last tick, for the benchmark and the idle-CPU check. */
  | { type: 'tick-stats'; durationMs: number; sockets: number };

/** What the host says to its worker. */
export type MonitorCommand = { type: 'set-interval'; intervalMs: number } | { type: 'stop' };
