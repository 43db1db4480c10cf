/**
 * Stable row ids. The kernel's socket cookie lives as long as the socket (it survives the move
 * to TIME_WAIT), so it is the id where the source gives one; otherwise the 5-tuple plus inode,
 * which is stable for as long as the socket keeps its inode.
 */
import type { RawSocket } from '../model.js';

/** The id a row keeps from one poll to the next. */
export function rowId(socket: RawSocket): string {
  if (socket.cookie !== null) return `${socket.protocol}#${socket.cookie}`;
  return `${tupleKey(socket)}|${socket.inode}`;
}

/** Protocol and both endpoints: unique among live sockets except for SO_REUSEPORT listeners. */
export function tupleKey(socket: RawSocket): string {
  return `${socket.protocol}${socket.family}|${socket.localAddress}|${socket.localPort}|${socket.remoteAddress ?? '*'}|${socket.remotePort ?? '*'}`;
}
