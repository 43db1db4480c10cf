/**
 * Stable row ids. The kernel's socket cookie lives as long as the socket (it survives the move
 * to TIME_WAIT), so it is the id where the source gives one; otherwise the 5-tuple plus inode,
 * which is stable for as long as the socket keeps its inode.
 */
import type { RawSocket } from '../model.js';

/** What an id is made of: the socket's cookie, else its endpoints and inode. */
export type IdentityFields = Pick<
  RawSocket,
  'protocol' | 'family' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'inode' | 'cookie'
>;

/** The id a row keeps from one poll to the next. */
export function rowId(socket: IdentityFields): string {
  if (socket.cookie !== null) return `${socket.protocol}#${socket.cookie}`;
  return `${tupleKey(socket)}|${socket.inode}`;
}

/**
 * The key a row is found under in the next poll: the cookie itself where there is one
 * (unique across protocols, and already a string: no allocation per row per poll), else the
 * tuple-and-inode id.
 */
export function rowKey(socket: IdentityFields): string {
  return socket.cookie ?? `${tupleKey(socket)}|${socket.inode}`;
}

/** Protocol and both endpoints: unique among live sockets except for SO_REUSEPORT listeners. */
export function tupleKey(socket: Omit<IdentityFields, 'inode' | 'cookie'>): string {
  return `${socket.protocol}${socket.family}|${socket.localAddress}|${socket.localPort}|${socket.remoteAddress ?? '*'}|${socket.remotePort ?? '*'}`;
}
