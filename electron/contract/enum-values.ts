/**
 * The values of the model's enums, with no dependency: model.ts builds its zod schemas from
 * them, and code that must not load zod (the page's wire checks, the CLI's JSON writer) reads
 * the same lists.
 */

/** Transport protocols. */
export const PROTOCOLS = ['tcp', 'udp'] as const;

/** Socket states: the kernel's TCP names, and `UNCONN` for a bound UDP socket with no peer. */
export const SOCKET_STATES = [
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
  'UNCONN',
] as const;

/** Who can reach a local address. */
export const SCOPES = ['loopback', 'all', 'address'] as const;

/** Why a socket has no owner pids. */
export const OWNER_REASONS = ['permission', 'unreadable', 'no-inode', 'not-found'] as const;

/** Snapshot sources, in fallback order. */
export const SNAPSHOT_SOURCES = ['netlink', 'ss', 'proc', 'lsof', 'netstat'] as const;

/** Error codes a call may fail with (api.ts ErrorCode); the message is for people, the code for code. */
export const ERROR_CODES = [
  'invalid-request',
  'not-found',
  'stale-identity',
  'refused',
  'permission',
  'timeout',
  'failed',
  'unsupported',
  'internal',
] as const;
