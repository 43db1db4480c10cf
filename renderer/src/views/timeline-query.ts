/**
 * The Timeline's search form as a history query, and the answer to "what was on this port at
 * that time?": the listeners whose opening came before the time and whose closing did not.
 */
import type { HistoryEvent, HistoryQuery } from '@contract/history';

/** The form's fields, as typed (strings). `at` is a `datetime-local` value. */
export interface TimelineForm {
  port: string;
  text: string;
  /** The moment asked about; empty: now. */
  at: string;
  /** How far back from `at` to list events, in hours. */
  hours: number;
}

export const TIMELINE_LIMIT = 5000;

/** The query for a form, or the reason it is not valid. */
export function timelineQuery(
  form: TimelineForm,
  now = Date.now(),
): { query: HistoryQuery } | { error: string } {
  const portText = form.port.trim().replace(/^:/, '');
  const port = portText === '' ? null : Number(portText);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535))
    return { error: `Port must be a number from 0 to 65535, not "${form.port.trim()}"` };
  const at = form.at === '' ? now : new Date(form.at).getTime();
  if (Number.isNaN(at)) return { error: `Not a date and time: "${form.at}"` };
  const text = form.text.trim();
  return {
    query: {
      since: at - form.hours * 3_600_000,
      until: at,
      port,
      pid: null,
      text: text === '' ? null : text,
      limit: TIMELINE_LIMIT,
    },
  };
}

/** A listener open at a moment: its opening event (with the owner), and when that was. */
export type OpenListener = HistoryEvent;

/** Listeners open at `at`, from events up to `at` (oldest first, as the history returns them). */
export function listenersAt(events: readonly HistoryEvent[], at: number): OpenListener[] {
  const open = new Map<string, HistoryEvent>();
  for (const event of events) {
    if (event.time > at) break;
    const key = `${event.protocol} ${event.localAddress} ${event.localPort}`;
    if (event.type === 'listen-opened') open.set(key, event);
    else if (event.type === 'listen-closed') open.delete(key);
  }
  return [...open.values()];
}
