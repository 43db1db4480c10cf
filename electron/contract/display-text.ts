/**
 * PortLens's one vocabulary: how the CLI and the app write states, protocols, byte counts,
 * dates, scopes, commands and owners. Both import this module (the renderer as
 * `@contract/display-text`), so they cannot drift apart; JSON keeps the kernel's names.
 *
 * - states as `ss` prints them: `TIME-WAIT`, `FIN-WAIT-1`, `LISTEN`;
 * - protocols as `TCP v4`, `UDP v6`;
 * - bytes in binary multiples with IEC units: `1.5 KiB`, `20 MiB`;
 * - dates as local `2026-12-05 23:31:38` (the time alone when it is today, in the app);
 * - users by name where the system can name them, else the uid;
 * - commands as one shell line: quoted where needed, control characters escaped (`$'a\nb'`).
 *
 * No zod and no Node modules: the one-shot CLI and the page load it before anything else.
 */
import type { PROTOCOLS, SCOPES, SOCKET_STATES } from './enum-values.js';
import type { ServiceManager } from './model.js';
import { ownerState, type OwnerFields } from './row-fields.js';

type SocketState = (typeof SOCKET_STATES)[number];
type Scope = (typeof SCOPES)[number];

/** `TIME_WAIT` → `TIME-WAIT`, `FIN_WAIT1` → `FIN-WAIT-1`: state names as `ss` prints them. */
export function stateName(state: SocketState): string {
  return state.replaceAll('_', '-').replace(/(\D)(\d)$/, '$1-$2');
}

/** What a state means, for colour: open for connections, carrying data, connecting, stuck, or winding down. */
export type StateTone = 'listen' | 'ok' | 'pending' | 'warn' | 'closing';

const STATE_TONES: Partial<Record<SocketState, StateTone>> = {
  LISTEN: 'listen',
  UNCONN: 'listen',
  ESTABLISHED: 'ok',
  SYN_SENT: 'pending',
  SYN_RECV: 'pending',
  NEW_SYN_RECV: 'pending',
  CLOSE_WAIT: 'warn',
};

/** The tone of a state (every other state is a closing one). */
export function stateTone(state: SocketState): StateTone {
  return STATE_TONES[state] ?? 'closing';
}

/** `TCP v4`, `UDP v6`. */
export function protocolName(row: { readonly protocol: (typeof PROTOCOLS)[number]; readonly family: 4 | 6 }): string {
  return `${row.protocol.toUpperCase()} v${row.family}`;
}

/**
 * Scope names (the badge, its tooltip and the CLI's SCOPE column) depend on IPV6_V6ONLY, so they
 * come from the one reachability judgement.
 */
export { scopeLabel, scopeTitle } from './reachability.js';

/** Whether a scope is worth a look: `all` is reachable from the network. */
export function scopeTone(scope: Scope): 'ok' | 'warn' | 'neutral' {
  return scope === 'loopback' ? 'ok' : scope === 'all' ? 'warn' : 'neutral';
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → `1.5 KiB` (binary multiples, one decimal under 10, none above); a bad value → `—`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const text = value.toFixed(value < 10 ? 1 : 0);
  // 1023.96 KiB would print as "1024 KiB": carry into the next unit instead.
  if (Number(text) >= 1024 && unit < BYTE_UNITS.length - 1) return `1.0 ${BYTE_UNITS[unit + 1]}`;
  return `${text} ${BYTE_UNITS[unit]}`;
}

/** A short duration: `42s`, `3m 12s`, `5h 03m`, `12d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local `HH:MM:SS`. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Local `YYYY-MM-DD HH:MM:SS`: the one date format of the CLI and the app. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${formatTime(epochMs)}`;
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x1b': '\\e', "'": "\\'", '\\': '\\\\' };

/**
 * One argument quoted for a POSIX shell, only when it needs it. Control characters (a newline
 * in an argument) are escaped in bash's `$'…'` form, so a command always reads as one line and
 * pastes back as the same argv.
 */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE_WORD.test(arg)) return arg;
  if (!CONTROL.test(arg)) return `'${arg.replaceAll("'", `'\\''`)}'`;
  const body = [...arg]
    .map((ch) => ESCAPES[ch] ?? (CONTROL.test(ch) ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch))
    .join('');
  return `$'${body}'`;
}

/** An argv as one command line a user can paste into a shell. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * Who manages a process, in words: `systemd unit nginx.service`, `systemd user unit api.service
 * (uid 1000)`, `Docker container 3f4e5d6c7b8a`, `pm2 app api (id 3)`, `launchd job
 * com.example.agent (gui/501)`, `Homebrew service redis (launchd job homebrew.mxcl.redis, system)`,
 * `Windows service W3SVC`.
 */
export function serviceManagerText(service: ServiceManager): string {
  switch (service.kind) {
    case 'systemd':
      return service.scope === 'user'
        ? `systemd user unit ${service.unit}${service.uid === null ? '' : ` (uid ${service.uid})`}`
        : `systemd unit ${service.unit}`;
    case 'docker':
      return `Docker container ${service.containerId.slice(0, 12)}`;
    case 'pm2':
      return service.name === null ? `pm2 app id ${service.id}` : `pm2 app ${service.name} (id ${service.id})`;
    case 'launchd':
      return `launchd job ${service.label} (${service.domain})`;
    case 'homebrew':
      return `Homebrew service ${service.formula} (launchd job ${service.label}, ${service.domain})`;
    case 'windows-service':
      return `Windows service ${service.name}`;
  }
}

/** What the owner text needs to know about the processes around a row. */
export interface OwnerNames {
  /** The name of `pid`, live or last known; undefined when never seen. */
  name(pid: number): string | undefined;
  /** Whether `pid` still runs (as the process the row knew). */
  running(pid: number): boolean;
}

/**
 * A row's owner in words, the same in the CLI and the app: `node (1234)`, several
 * comma-separated; a kernel-owned socket's last known owner as history, `was python3 (30848),
 * exited`; or why there is none: `? (no permission)`, `? (not visible)`, `(kernel)`, `-`.
 */
export function ownerText(row: OwnerFields, names: OwnerNames): string {
  const named = (pid: number): string => `${names.name(pid) ?? '?'} (${pid})`;
  switch (ownerState(row)) {
    case 'live':
      return row.pids.map(named).join(', ');
    case 'history': {
      const exited = row.pids.every((pid) => !names.running(pid));
      return `was ${row.pids.map(named).join(', ')}${exited ? ', exited' : ''}`;
    }
    case 'kernel':
      return '(kernel)';
    case 'hidden':
      return row.ownerReason === 'permission' ? '? (no permission)' : '? (not visible)';
    case 'none':
      return '-';
  }
}

/** Why a row has no live owner, as a sentence (the app's tooltip); null for a live owner. */
export function ownerExplanation(row: OwnerFields): string | null {
  switch (ownerState(row)) {
    case 'live':
      return null;
    case 'history':
      return 'The kernel owns this socket now (TIME-WAIT or closing): the process that had it no longer does, so there is nothing to kill or restart.';
    case 'kernel':
      return 'The kernel owns this socket (TIME-WAIT or closing): no process holds it, so there is nothing to kill or restart.';
    case 'hidden':
      return row.ownerReason === 'permission'
        ? 'Owner hidden: the socket belongs to another user. Run PortLens with administrator rights to see it.'
        : 'Owner not visible: its process cannot be inspected even with administrator rights (another container or namespace, or a security policy).';
    case 'none':
      return 'No owner found: no process holds this socket (it may be closing).';
  }
}
