/**
 * Socket state names and owner uids, mapped the same way for every source so that the
 * netlink, ss and /proc collectors agree row for row.
 */
import type { Protocol, SocketState } from '../model.js';

/** Kernel TCP state codes (include/net/tcp_states.h), index = code. */
const TCP_STATES: readonly (SocketState | undefined)[] = [
  undefined,
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
];

/** Kernel state code 7 (TCP_CLOSE): a bound-only TCP socket, or an unconnected UDP socket. */
const CLOSE_CODE = 7;

/** State of a kernel state code as netlink and /proc report it; null for an unknown code. */
export function stateFromCode(protocol: Protocol, code: number): SocketState | null {
  if (protocol === 'udp' && code === CLOSE_CODE) return 'UNCONN';
  return TCP_STATES[code] ?? null;
}

/** `ss` state names; `UNCONN` is TCP_CLOSE, which is `CLOSE` for TCP and `UNCONN` for UDP. */
const SS_STATES: Readonly<Record<string, SocketState>> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** State of an `ss` state name; null for a name ss prints for no known state (`UNKNOWN`). */
export function stateFromSsName(protocol: Protocol, name: string): SocketState | null {
  if (name === 'UNCONN') return protocol === 'udp' ? 'UNCONN' : 'CLOSE';
  return Object.hasOwn(SS_STATES, name) ? (SS_STATES[name] ?? null) : null;
}

/**
 * The owner uid to report. TIME_WAIT sockets and pending connection requests (SYN_RECV with no
 * inode) have no owner: netlink and ss report 0 for them, /proc the listener's uid, so all
 * sources report null instead of a uid that means nothing.
 */
export function ownerUid(state: SocketState, inode: number, uid: number): number | null {
  if (state === 'TIME_WAIT' || (state === 'SYN_RECV' && inode === 0)) return null;
  return uid;
}
