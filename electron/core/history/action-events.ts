/**
 * Kills and restarts done through PortLens, as history events: one per port the process
 * listened on (so a query by port finds them), or one with port 0 when it held none. Appended
 * by whichever process acted (the app, `serve`, the CLI): one O_APPEND write each, which
 * cannot interleave with the recorder's (history-store.ts).
 */
import type { HistoryEvent } from '../../contract/history.js';
import type { Protocol } from '../model.js';
import { appendHistoryEvents, historyDir } from './history-store.js';

/** What an action did to one process. */
export interface ActionRecord {
  type: 'kill' | 'restart' | 'close-connection';
  time: number;
  pid: number | null;
  processName: string | null;
  user: string | null;
  /** Listening (protocol, port) pairs the process held; empty for none. */
  ports: readonly { protocol: Protocol; port: number }[];
  detail: string;
}

/** The events of one action. */
export function actionEvents(record: ActionRecord): HistoryEvent[] {
  const ports = record.ports.length ? record.ports : [{ protocol: 'tcp' as const, port: 0 }];
  return ports.map(({ protocol, port }) => ({
    time: record.time,
    type: record.type,
    protocol,
    family: 4,
    localAddress: '*',
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    pid: record.pid,
    processName: record.processName,
    user: record.user,
    bytesSent: null,
    bytesReceived: null,
    detail: record.detail,
  }));
}

/**
 * Appends the actions to the history of `dataDir`. Never throws: an action that succeeded
 * must not be reported as failed because its history line could not be written; the reason is
 * returned for the caller to show as a warning.
 */
export function recordActions(dataDir: string, records: readonly ActionRecord[]): string | null {
  try {
    appendHistoryEvents(historyDir(dataDir), records.flatMap(actionEvents), dataDir);
    return null;
  } catch (error) {
    return `history not saved: ${(error as Error).message}`;
  }
}
