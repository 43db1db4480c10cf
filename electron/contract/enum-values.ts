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
export const OWNER_REASONS = ['permission', 'unreadable', 'no-inode', 'not-found', 'last-known'] as const;

/** Who can manage (and so restart) a process: Linux's systemd, Docker, pm2; macOS's launchd and Homebrew. */
export const SERVICE_MANAGER_KINDS = ['systemd', 'docker', 'pm2', 'launchd', 'homebrew', 'windows-service'] as const;

/**
 * A launchd domain target: `system` (daemons, run as root) or `gui/<uid>` (a logged-in user's
 * agents). `launchctl kickstart -k <domain>/<label>` addresses a job by it.
 */
export const LAUNCHD_DOMAIN = /^(?:system|gui\/\d{1,10})$/;

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
