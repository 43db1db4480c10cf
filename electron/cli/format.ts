/** Text formatting shared by the CLI's commands. */
import type { ProcessInfo, Snapshot, SocketRow } from '../contract/model.js';

/** `127.0.0.1:80`, `[::1]:80`, `*:53` style endpoint text. */
export function endpoint(address: string | null, port: number | null): string {
  if (address === null || port === null) return '*';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** 1536 → "1.5 KiB"; null → "-". */
export function bytes(value: number | null): string {
  if (value === null) return '-';
  if (value < 1024) return `${value} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${scaled < 10 ? scaled.toFixed(1) : Math.round(scaled)} ${units[unit]}`;
}

/** Left-aligned columns separated by two spaces; `rightAligned` holds column indexes. */
export function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** The owner column: "node (1234)", several owners comma-separated, or why there is none. */
export function ownerText(row: SocketRow, processes: Snapshot['processes']): string {
  if (row.pids.length === 0) {
    if (row.ownerReason === 'permission') return '? (no permission)';
    if (row.ownerReason === 'unreadable') return '? (not visible)';
    return '-';
  }
  return row.pids.map((pid) => `${processes[pid]?.name ?? '?'} (${pid})`).join(', ');
}

/** The user column: owner's user, else the socket's uid. */
export function userText(row: SocketRow, processes: Snapshot['processes']): string {
  const first = row.pids[0];
  const info: ProcessInfo | undefined = first === undefined ? undefined : processes[first];
  if (info) return info.user;
  return row.uid === null ? '-' : String(row.uid);
}
