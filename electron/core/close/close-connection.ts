/**
 * Close one TCP connection without ending its process (TCPView's "Close Connection"): the
 * kernel's SOCK_DESTROY resets it, and both ends see the connection aborted. Preview first:
 * which socket, whose, and whether we may (CAP_NET_ADMIN). Every expected failure is a typed
 * contract error with what to do.
 */
import { readFileSync } from 'node:fs';
import type { ClosePreview, ConnectionTarget, ContractError, Result } from '../../contract/api.js';
import { contractError } from '../../contract/validate.js';
import type { Snapshot, SocketRow } from '../model.js';
import { NetlinkSocket } from '../collect/netlink-socket.js';
import { recordActions } from '../history/action-events.js';
import { ackErrno, buildDestroyRequest, cookieOfRowId } from './destroy-request.js';
import { guardContext, guardProcess, type GuardContext } from '../actions/guard.js';
import { createProcessReader } from '../actions/platform-process-reader.js';

export type { ClosePreview, ConnectionTarget };

const CAP_NET_ADMIN = 12;
const EPERM = 1;
const ENOENT = 2;
const EOPNOTSUPP = 95;

/** True when this process has CAP_NET_ADMIN in its effective set (/proc/self/status CapEff). */
export function hasNetAdmin(status: string = readStatus()): boolean {
  const match = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  return match ? (BigInt(`0x${match[1]}`) & (1n << BigInt(CAP_NET_ADMIN))) !== 0n : false;
}

function readStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return '';
  }
}

const NEEDS_ADMIN = 'closing a connection needs CAP_NET_ADMIN (run PortLens as root, e.g. `sudo portlens close …`)';
const NO_COOKIE =
  'this connection was listed without its socket cookie (the ss, /proc, lsof or netstat source): PortLens closes a connection only when it can pin that very socket, so that a new connection on the same ends is never hit';

/** Where SOCK_DESTROY does not exist: no other system lets one process cut another's connection. */
const LINUX_ONLY =
  "closing one connection is Linux-only (the kernel's SOCK_DESTROY); on macOS and Windows end the process that holds it instead";

/** Why the guard refuses this connection's owners (init, PortLens itself, its ancestors), or null. */
function guardRefusal(row: SocketRow, snapshot: Snapshot, guard: GuardContext): string | null {
  for (const pid of row.pids) {
    const info = snapshot.processes[String(pid)];
    const why = guardProcess({ pid, ppid: info?.ppid ?? 0, name: info?.name ?? '?' }, guard);
    if (why) return `PortLens does not cut this process's connections: ${why}`;
  }
  return null;
}

/** The connection in `snapshot` with these two ends, its owner, and whether we may close it. */
export function previewClose(
  target: ConnectionTarget,
  snapshot: Snapshot,
  mayAdmin = hasNetAdmin(),
  guard: GuardContext = guardContext(createProcessReader(), process.pid),
  platform: NodeJS.Platform = process.platform,
): Result<ClosePreview> {
  const row = snapshot.sockets.find(
    (r) =>
      r.protocol === 'tcp' &&
      r.state !== 'LISTEN' &&
      r.localAddress === target.localAddress &&
      r.localPort === target.localPort &&
      r.remoteAddress === target.remoteAddress &&
      r.remotePort === target.remotePort,
  );
  if (!row) return fail('not-found', `no TCP connection from ${endpointText(target.localAddress, target.localPort)} to ${endpointText(target.remoteAddress, target.remotePort)}`);
  const pid = row.pids[0];
  const owner = pid === undefined ? null : (snapshot.processes[String(pid)] ?? null);
  const refusal =
    (platform === 'linux' ? null : LINUX_ONLY) ??
    (mayAdmin ? null : NEEDS_ADMIN) ?? guardRefusal(row, snapshot, guard) ?? (cookieOfRowId(row.id) === null ? NO_COOKIE : null);
  return { ok: true, value: { row, owner, refusal } };
}

/** Sends SOCK_DESTROY for the previewed row (its cookie pins the very socket the user saw). */
export function closeConnection(row: SocketRow): Result<{ closed: true }> {
  if (row.protocol !== 'tcp' || row.remoteAddress === null || row.remotePort === null)
    return fail('invalid-request', 'only a TCP connection (with a peer) can be closed');
  const cookie = cookieOfRowId(row.id);
  if (cookie === null) return fail('unsupported', NO_COOKIE);
  let socket: NetlinkSocket;
  try {
    socket = NetlinkSocket.open();
  } catch (error) {
    return fail('unsupported', `cannot talk to the kernel's sock_diag: ${(error as Error).message}`);
  }
  try {
    const request = buildDestroyRequest(
      { family: row.family, localAddress: row.localAddress, localPort: row.localPort, remoteAddress: row.remoteAddress, remotePort: row.remotePort, cookie },
      1,
    );
    socket.send(request);
    const reply = Buffer.alloc(8192);
    const errno = ackErrno(reply, socket.receive(reply));
    if (errno === 0) return { ok: true, value: { closed: true } };
    if (errno === EPERM) return fail('permission', NEEDS_ADMIN);
    if (errno === EOPNOTSUPP) return fail('unsupported', 'this kernel cannot close single connections (it is built without CONFIG_INET_DIAG_DESTROY)');
    if (errno === ENOENT) return fail('not-found', 'the connection is already gone');
    return fail('failed', `the kernel refused: errno ${errno ?? 'unknown (no acknowledgement)'}`);
  } catch (error) {
    return fail('failed', (error as Error).message);
  } finally {
    socket.close();
  }
}

/** Appends the close to the history of `dataDir`; returns a warning when it could not. */
export function recordClose(dataDir: string, preview: ClosePreview, now = Date.now()): string | null {
  const { row, owner } = preview;
  return recordActions(dataDir, [
    {
      type: 'close-connection',
      time: now,
      pid: owner?.pid ?? null,
      processName: owner?.name ?? null,
      user: owner?.user ?? null,
      ports: [{ protocol: 'tcp', port: row.localPort }],
      detail: `closed ${endpointText(row.localAddress, row.localPort)} → ${endpointText(row.remoteAddress ?? '', row.remotePort ?? 0)}`,
    },
  ]);
}

function endpointText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function fail<T>(code: ContractError['code'], message: string): Result<T> {
  return { ok: false, error: contractError(code, message) };
}
