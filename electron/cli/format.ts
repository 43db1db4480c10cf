/**
 * Text formatting shared by the CLI's commands: the shared vocabulary (contract/display-text.ts)
 * laid out in columns, and coloured on a terminal.
 */
import { formatBytes, ownerText as ownerWords, scopeTone, stateTone, type StateTone } from '../contract/display-text.js';
import type { ProcessInfo, Scope, Snapshot, SocketRow, SocketState } from '../contract/model.js';
import { ownerState } from '../contract/row-fields.js';
import { userName } from '../core/owners/user-names.js';

/** `127.0.0.1:80`, `[::1]:80`, `*:53` style endpoint text. */
export function endpoint(address: string | null, port: number | null): string {
  if (address === null || port === null) return '*';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** 1536 → "1.5 KiB"; null → "-". */
export function bytes(value: number | null): string {
  return value === null ? '-' : formatBytes(value);
}

/** Paints a padded cell; `identity` when colour is off. */
export type Paint = (row: number, column: number, padded: string) => string;

/**
 * Left-aligned columns separated by two spaces; `rightAligned` holds column indexes. `paint`
 * colours a body cell after padding (escape codes take no columns).
 */
export function table(
  header: string[],
  rows: string[][],
  rightAligned: ReadonlySet<number> = new Set(),
  paint: Paint | null = null,
): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[], r: number): string =>
    cells
      .map((cell, i) => {
        const padded = rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
        return paint && r >= 0 ? paint(r, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map(line)].join('\n') + '\n';
}

/** The owner column, in the app's words (see display-text's ownerText). */
export function ownerText(row: SocketRow, processes: Snapshot['processes']): string {
  return ownerWords(row, {
    name: (pid) => processes[pid]?.name,
    running: (pid) => processes[pid] !== undefined,
  });
}

/** The user column: the owner's user, else the socket's uid by name where the system names it. */
export function userText(row: SocketRow, processes: Snapshot['processes']): string {
  const first = row.pids[0];
  const info: ProcessInfo | undefined = first === undefined ? undefined : processes[first];
  if (info) return info.user || '-';
  return row.uid === null ? '-' : userName(row.uid);
}

const SGR: Record<StateTone | 'neutral' | 'dim', string> = {
  listen: '32', // green: open for connections
  ok: '36', // cyan
  pending: '33', // yellow
  warn: '33;1', // bold yellow: stuck (CLOSE-WAIT) or reachable from the network
  closing: '2', // dim
  neutral: '',
  dim: '2',
};

/** `text` in a tone's colour (ANSI SGR), or as is when `color` is off. */
export function tint(text: string, tone: keyof typeof SGR, color: boolean): string {
  const code = SGR[tone];
  return color && code && text.trim() ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** A state cell coloured by its tone. */
export function paintState(text: string, state: SocketState, color: boolean): string {
  return tint(text, stateTone(state), color);
}

/** A scope cell coloured by whether the network can reach it. */
export function paintScope(text: string, scope: Scope, color: boolean): string {
  return tint(text, scopeTone(scope), color);
}

/** An owner cell: history and kernel-owned sockets are dimmed (no process holds them now). */
export function paintOwner(text: string, row: SocketRow, color: boolean): string {
  const state = ownerState(row);
  return tint(text, state === 'history' || state === 'kernel' ? 'dim' : 'neutral', color);
}
