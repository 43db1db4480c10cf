/**
 * `portlens top`'s screen as a pure function of the data and the view state, and its keys as
 * a pure reducer: the live command (commands/top.ts) only feeds snapshots in and writes frames
 * out, so both are tested without a terminal.
 */
import type { ProcessInfo, SocketRow } from '../../contract/model.js';
import { busiestConnections, totalsOf, trafficByProcess } from '../../contract/traffic.js';
import { bytes, endpoint } from '../format.js';

export type TopView = 'processes' | 'connections';

export interface TopState {
  view: TopView;
  quit: boolean;
}

export const INITIAL_TOP_STATE: TopState = { view: 'processes', quit: false };

/** What a frame shows: one snapshot's rows. */
export interface TopFrameInput {
  rows: readonly SocketRow[];
  processOf: (pid: number) => ProcessInfo | undefined;
  time: number;
  hiddenOwners: number;
}

/** The state after key `key` (raw terminal input: one or more characters). */
export function topKey(state: TopState, key: string): TopState {
  if (key === 'q' || key === 'Q' || key === '\u0003' /* Ctrl-C */) return { ...state, quit: true };
  if (key === 'p' || key === 'P') return { ...state, view: 'processes' };
  if (key === 'c' || key === 'C') return { ...state, view: 'connections' };
  if (key === '\t') return { ...state, view: state.view === 'processes' ? 'connections' : 'processes' };
  return state;
}

const rate = (value: number): string => `${bytes(Math.round(value))}/s`;

/** Columns laid out to `widths`; text columns left-aligned, numbers right-aligned. */
function line(cells: string[], widths: number[], right: ReadonlySet<number>): string {
  return cells.map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
}

function tableLines(header: string[], body: string[][], right: ReadonlySet<number>): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((row) => (row[i] ?? '').length)));
  return [line(header, widths, right), ...body.map((row) => line(row, widths, right))];
}

/** The frame's lines: at most `height`, each cut to `width` characters. */
export function renderTop(input: TopFrameInput, state: TopState, width: number, height: number): string[] {
  const totals = totalsOf(input.rows);
  const clock = new Date(input.time).toTimeString().slice(0, 8);
  const lines = [
    `PortLens top  ${clock}  ${totals.sockets} sockets, ${totals.connections} connections   ↑ ${rate(totals.sendRate)}  ↓ ${rate(totals.receiveRate)}`,
    `${state.view === 'processes' ? '[P]rocesses' : ' p processes'}  ${state.view === 'connections' ? '[C]onnections' : ' c connections'}  (Tab switches, q quits)`,
    '',
  ];
  const room = Math.max(0, height - lines.length - 2);
  if (state.view === 'processes') {
    const processes = trafficByProcess(input.rows, input.processOf).slice(0, room);
    const body = processes.map((p) => [String(p.pid), p.name, p.user ?? '-', rate(p.sendRate), rate(p.receiveRate), bytes(p.bytesSent), bytes(p.bytesReceived), String(p.connections), String(p.sockets)]);
    lines.push(...tableLines(['PID', 'PROCESS', 'USER', 'UP', 'DOWN', 'SENT', 'RECV', 'CONN', 'SOCKETS'], body, new Set([0, 3, 4, 5, 6, 7, 8])));
  } else {
    const connections = busiestConnections(input.rows).slice(0, room);
    const body = connections.map((row) => {
      const pid = row.pids[0];
      const owner = pid === undefined ? '-' : `${input.processOf(pid)?.name ?? '?'} (${pid})`;
      const counted = row.protocol === 'tcp';
      return [
        `${row.protocol}${row.family === 6 ? '6' : ''}`,
        endpoint(row.localAddress, row.localPort),
        endpoint(row.remoteAddress, row.remotePort),
        row.state,
        owner,
        counted ? rate(row.sendRate ?? 0) : '-',
        counted ? rate(row.receiveRate ?? 0) : '-',
        bytes(row.bytesSent),
        bytes(row.bytesReceived),
      ];
    });
    lines.push(...tableLines(['PROTO', 'LOCAL', 'REMOTE', 'STATE', 'PROCESS (PID)', 'UP', 'DOWN', 'SENT', 'RECV'], body, new Set([5, 6, 7, 8])));
  }
  const notes: string[] = [];
  if (totals.udpSockets) notes.push(`${totals.udpSockets} UDP sockets not counted: the kernel keeps no per-socket UDP byte counters`);
  if (input.hiddenOwners) notes.push(`${input.hiddenOwners} sockets of other users' processes (run as root to see them)`);
  if (notes.length) lines.push('', notes.join('; '));
  return lines.slice(0, height).map((text) => (text.length > width ? text.slice(0, width) : text));
}

/** ANSI: the frame drawn over the previous one (cursor home, each line cleared to its end, the rest below cleared). */
export function frameText(lines: readonly string[]): string {
  return `\x1b[H${lines.map((text) => `${text}\x1b[K`).join('\n')}\x1b[J`;
}
