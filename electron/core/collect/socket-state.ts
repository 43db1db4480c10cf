/**
 * Socket state names and owner uids, mapped the same way for every source so that the
 * netlink, ss and /proc collectors agree row for row.
 */
import type { Protocol, SocketState } from '../model.js';

/**
 * Kernel state codes (include/net/tcp_states.h) of every state: the compiler asks for a code
 * for each state of the contract. UNCONN is TCP_CLOSE (7) on a UDP socket.
 */
export const STATE_CODES = {
  ESTABLISHED: 1,
  SYN_SENT: 2,
  SYN_RECV: 3,
  FIN_WAIT1: 4,
  FIN_WAIT2: 5,
  TIME_WAIT: 6,
  CLOSE: 7,
  CLOSE_WAIT: 8,
  LAST_ACK: 9,
  LISTEN: 10,
  CLOSING: 11,
  NEW_SYN_RECV: 12,
  UNCONN: 7,
} as const satisfies Record<SocketState, number>;

/** Kernel TCP state by code (index = code). */
const TCP_STATES: readonly (SocketState | undefined)[] = (() => {
  const states: (SocketState | undefined)[] = [];
  for (const [state, code] of Object.entries(STATE_CODES) as [SocketState, number][])
    if (state !== 'UNCONN') states[code] = state;
  return Array.from(states);
})();

/** State of a kernel state code as netlink and /proc report it; null for an unknown code. */
export function stateFromCode(protocol: Protocol, code: number): SocketState | null {
  if (protocol === 'udp' && code === STATE_CODES.UNCONN) return 'UNCONN';
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
