/**
 * Parser of lsof's field output (`lsof -F`, see lsof(8) "OUTPUT FOR OTHER PROGRAMS"): one field
 * per line, its first character naming it. A process set starts with `p<pid>` (then `u<uid>`);
 * each of its files starts with `f<fd>`, then `t` (IPv4/IPv6), `d` (the socket's inode on
 * Linux, its kernel address `0x…` on macOS), `P` (TCP/UDP), `n` (`local` or `local->remote`)
 * and `T` (`ST=<state>`, TCP only). The same macOS and Linux lsof print it alike.
 *
 * lsof lists files, not sockets: a socket shared by several processes (fork, SO_REUSEPORT
 * peers passed around) comes once per holder, and is one row here with every holder's pid.
 * A socket no process holds (TIME_WAIT) is not listed at all.
 */
import { ParseError } from '../../model.js';
import type { Family, Protocol, RawSocket, SocketState } from '../../model.js';
import { LineProblem, decimal } from '../line-parser.js';
import { parseLsofEndpoint } from './lsof-endpoint.js';
import { forEachLsofField } from './lsof-fields.js';

/** The command line this parser reads; `-w` keeps lsof's warnings about other files off stderr. */
export const LSOF_ARGS = ['-nP', '-w', '-iTCP', '-iUDP', '-Ts', '-FpuftdPnT'] as const;
export const LSOF_WHAT = 'lsof -F';

/** Sockets read from lsof, each with the pids holding it, and the file sets that had to be skipped. */
export interface LsofResult {
  sockets: RawSocket[];
  /** `owners[i]`: the pids holding `sockets[i]`, ascending. */
  owners: number[][];
  /** One entry per skipped file set: `lsof -F line <n>: <why>: <line>`. */
  warnings: string[];
}

/** lsof's TCP state names (Linux's and macOS's spellings) as the contract names them. */
const LSOF_STATES: Readonly<Record<string, SocketState>> = {
  LISTEN: 'LISTEN',
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RECV',
  SYN_RECEIVED: 'SYN_RECV',
  FIN_WAIT1: 'FIN_WAIT1',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT2: 'FIN_WAIT2',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
  CLOSE: 'CLOSE',
  CLOSED: 'CLOSE',
};

/** One file set's fields, as read. */
interface FileFields {
  line: number;
  /** The line of its `n` field. */
  nameLine: number | null;
  type: string | null;
  device: string | null;
  protocol: string | null;
  name: string | null;
  state: string | null;
}

/** One socket with its identity key and holders, while the output is read. */
interface Entry {
  socket: RawSocket;
  pids: number[];
}

/**
 * Sockets in lsof field output. Throws ParseError when the output has file sets
 * and none of them can be read: not the format this expects.
 */
export function parseLsofOutput(text: string): LsofResult {
  const lines = text.split('\n');
  const entries = new Map<string, Entry>();
  const warnings: string[] = [];
  let tried = 0;
  let firstProblem: { line: number; message: string } | null = null;
  let pid: number | null = null;
  let uid: number | null = null;
  let file: FileFields | null = null;

  const finish = (): void => {
    if (file === null) return;
    const current = file;
    file = null;
    tried++;
    try {
      if (pid === null) throw new LineProblem('file set before any p (process) field');
      add(entries, socketOf(current, uid), pid, current.device);
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      // Quote the addresses where there are some: the line that tells which socket it was.
      const quoted = current.nameLine ?? current.line;
      firstProblem ??= { line: quoted, message: error.message };
      warnings.push(`${LSOF_WHAT} line ${quoted}: ${error.message}: ${excerpt(lines[quoted - 1] ?? '')}`);
    }
  };

  forEachLsofField(lines, (field, value, i) => {
    const line = lines[i] ?? '';
    switch (field) {
      case 'p':
        finish();
        uid = null;
        pid = readPid(value, i + 1, warnings);
        break;
      case 'u':
        uid = /^\d{1,10}$/.test(value) ? Number(value) : null;
        break;
      case 'f':
        finish();
        file = { line: i + 1, nameLine: null, type: null, device: null, protocol: null, name: null, state: null };
        break;
      case 't':
      case 'd':
      case 'P':
      case 'n':
      case 'T':
        if (file === null) warnings.push(`${LSOF_WHAT} line ${i + 1}: field outside a file set: ${excerpt(line)}`);
        else readFileField(file, field, value, i + 1);
        break;
      default:
        // Fields not asked for (lsof adds `g`, `R`… on some systems): nothing of a socket is lost.
        break;
    }
  });
  finish();
  if (pid === null && tried === 0 && lines.some((line) => line !== ''))
    throw new ParseError(LSOF_WHAT, 'no p (process) field: not lsof field output', 1);
  if (firstProblem !== null && entries.size === 0) {
    const { line, message } = firstProblem;
    throw new ParseError(LSOF_WHAT, `no file set could be read (${tried} tried): ${message}`, line);
  }
  const sorted = [...entries.values()];
  return { sockets: sorted.map((e) => e.socket), owners: sorted.map((e) => e.pids.sort((a, b) => a - b)), warnings };
}

/** A pid field; a bad one drops the process set's files with a warning (pid stays null). */
function readPid(value: string, line: number, warnings: string[]): number | null {
  if (/^\d{1,10}$/.test(value) && Number(value) > 0) return Number(value);
  warnings.push(`${LSOF_WHAT} line ${line}: p is not a pid: ${excerpt(`p${value}`)}`);
  return null;
}

function readFileField(file: FileFields, field: string, value: string, line: number): void {
  if (field === 't') file.type = value;
  else if (field === 'd') file.device = value;
  else if (field === 'P') file.protocol = value;
  else if (field === 'n') {
    file.name = value;
    file.nameLine = line;
  }
  // `T` repeats: ST=, and TQR=/TQS= where -Ts was not honoured.
  else if (value.startsWith('ST=')) file.state = value.slice(3);
}

/** Adds one holder of a socket: a socket already seen (same protocol and device) gains a pid. */
function add(entries: Map<string, Entry>, socket: RawSocket, pid: number, device: string | null): void {
  // Without a device there is no telling two files of one socket from two sockets: keep both.
  const key = device === null ? `#${entries.size}` : `${socket.protocol}|${device}`;
  const known = entries.get(key);
  if (known === undefined) entries.set(key, { socket, pids: [pid] });
  else if (!known.pids.includes(pid)) known.pids.push(pid);
}

/** The socket one file set describes; throws LineProblem for what it cannot be. */
function socketOf(file: FileFields, uid: number | null): RawSocket {
  const family: Family | null = file.type === 'IPv4' ? 4 : file.type === 'IPv6' ? 6 : null;
  if (family === null) throw new LineProblem(`t is not IPv4 or IPv6: ${JSON.stringify(file.type)}`);
  const protocol: Protocol | null = file.protocol === 'TCP' ? 'tcp' : file.protocol === 'UDP' ? 'udp' : null;
  if (protocol === null) throw new LineProblem(`P is not TCP or UDP: ${JSON.stringify(file.protocol)}`);
  if (file.name === null) throw new LineProblem('no n (addresses) field');
  const arrow = file.name.indexOf('->');
  const local = parseLsofEndpoint(arrow < 0 ? file.name : file.name.slice(0, arrow), family, 'local');
  const peer = arrow < 0 ? null : parseLsofEndpoint(file.name.slice(arrow + 2), family, 'peer');
  return {
    protocol,
    family,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: peer?.address ?? null,
    remotePort: peer?.port ?? null,
    state: stateOf(protocol, file.state, peer !== null),
    // Linux lsof prints the socket's inode as its device; macOS a kernel address, no inode.
    inode: file.device !== null && /^\d{1,20}$/.test(file.device) ? decimal(file.device, 'd') : 0,
    // The holder's uid: lsof has no socket uid (the kernel's is the creator's, the same but for setuid).
    uid,
    cookie: null,
    bytesSent: null,
    bytesReceived: null,
    v6Only: null,
  };
}

function stateOf(protocol: Protocol, name: string | null, connected: boolean): SocketState {
  if (protocol === 'udp') return connected ? 'ESTABLISHED' : 'UNCONN';
  if (name === null) throw new LineProblem('TCP socket without a T ST= (state) field');
  const state = Object.hasOwn(LSOF_STATES, name) ? LSOF_STATES[name] : undefined;
  if (state === undefined) throw new LineProblem(`unknown TCP state ${JSON.stringify(name)}`);
  return state;
}

/** Longest piece of a bad line quoted in a warning. */
const EXCERPT = 160;

function excerpt(line: string): string {
  return (line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line).trim();
}
