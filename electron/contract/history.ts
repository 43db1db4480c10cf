/**
 * History: port events kept on disk (core/history/) and read back by time, port and process.
 * The event kinds are listed once here; the store's record codec numbers them in this order.
 */
import { z } from 'zod';
import { PROTOCOLS } from './enum-values.js';

/** What happened: listeners and connections opening and closing, and actions done through PortLens. */
export const HISTORY_EVENT_TYPES = [
  'listen-opened',
  'listen-closed',
  'connection-opened',
  'connection-closed',
  'kill',
  'restart',
  'close-connection',
] as const;

export const HistoryEventType = z.enum(HISTORY_EVENT_TYPES);
export type HistoryEventType = z.infer<typeof HistoryEventType>;

const port = z.number().int().min(0).max(65535);

/** One recorded event. Null where the fact does not apply (a listener has no peer) or was unknown. */
export const HistoryEvent = z.object({
  time: z.number(),
  type: HistoryEventType,
  protocol: z.enum(PROTOCOLS),
  family: z.literal([4, 6]),
  localAddress: z.string(),
  /** 0 for an action on a process that held no port. */
  localPort: port,
  remoteAddress: z.string().nullable(),
  remotePort: port.nullable(),
  pid: z.number().int().positive().nullable(),
  processName: z.string().nullable(),
  user: z.string().nullable(),
  /** Cumulative bytes at close (connection-closed), where the kernel counts them. */
  bytesSent: z.number().nonnegative().nullable(),
  bytesReceived: z.number().nonnegative().nullable(),
  /** Free text: the command line of a listener's owner, an action's outcome. */
  detail: z.string().nullable(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** The event's fields in order: the columns of a CSV export. */
export const HISTORY_EVENT_FIELDS = Object.keys(HistoryEvent.shape) as (keyof HistoryEvent & string)[];

/** A history query: a time range (epoch ms), optional port and pid, newest `limit` matches. */
export const HistoryQuery = z
  .object({
    since: z.number().nullable(),
    until: z.number().nullable(),
    port: port.nullable(),
    pid: z.number().int().positive().nullable(),
    /** Case-insensitive text matched against process name, addresses and detail. */
    text: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(100_000),
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Matches oldest first; `truncated` when more matched than `limit` (the oldest were left out). */
export const HistoryResult = z.object({
  events: z.array(HistoryEvent),
  truncated: z.boolean(),
  /** Records skipped as damaged (a torn write after a crash); they are never returned. */
  damaged: z.number().int().nonnegative(),
});
export type HistoryResult = z.infer<typeof HistoryResult>;
