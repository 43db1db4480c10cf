/** `portlens who <port | address:port>`: who listens there, with their processes and sockets. */
import type { ProcessInfo, Snapshot, SocketRow } from '../../contract/model.js';
import { isListening } from '../../contract/row-fields.js';
import { keepFreedMemory } from '../../core/one-shot/one-shot-memory.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { acceptsTarget, LOCALHOST_ADDRESSES } from '../../contract/reachability.js';
import { lookup } from 'node:dns/promises';
import { readIp, type IpAddress } from '../../contract/target-address.js';
import { nearMisses } from '../../core/diagnose/near-miss.js';
import { endpointArg, parse } from '../args.js';
import { endpoint } from '../format.js';
import { formatCommand, formatDateTime, protocolName, stateName } from '../../contract/display-text.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';
import { sourceArg } from './source-arg.js';

export const whoCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, source: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('who takes exactly one port or address:port');
  const wanted = endpointArg(positionals[0] as string);
  const prefer = sourceArg(values.source);
  keepFreedMemory();
  const snapshot = await takeSnapshot(prefer ? { prefer } : {});

  const onPort = snapshot.sockets.filter((row) => isListening(row) && row.localPort === wanted.port);
  const listeners = onPort.filter((row) => acceptsTarget(row, wanted.address));
  const where = wanted.address === null ? `port ${wanted.port}` : endpoint(wanted.address, wanted.port);
  if (listeners.length === 0) return nothingListens(wanted, where, onPort, snapshot, io, values.json === true, await localhostHere());
  const owners = ownersOf(listeners, snapshot);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ port: wanted.port, address: wanted.address, owners, unowned: unowned(listeners) })}\n`);
    return 0;
  }
  io.stdout.write(humanReport(where, owners, unowned(listeners)));
  return 0;
};

/**
 * Exit 1 with the near miss: what listens on that port elsewhere and why it refuses this client
 * (another family, IPv6-only, another address), in words or as `nearMisses` in JSON.
 */
function nothingListens(
  wanted: { address: string | null; port: number },
  where: string,
  onPort: SocketRow[],
  snapshot: Snapshot,
  io: CliIo,
  json: boolean,
  localhost: readonly IpAddress[],
): number {
  const ip = wanted.address === null || wanted.address === 'localhost' ? null : readIp(wanted.address);
  const ips = wanted.address === 'localhost' ? LOCALHOST_ADDRESSES : ip ? [ip] : [];
  const misses = wanted.address === null ? [] : nearMisses({ address: wanted.address, ips, localhost }, wanted.port, onPort, snapshot.processes);
  if (json) {
    io.stdout.write(`${JSON.stringify({ port: wanted.port, address: wanted.address, owners: [], unowned: [], nearMisses: misses })}\n`);
  } else if (misses.length === 0) {
    io.stdout.write(`nothing listens on ${where}\n`);
  } else {
    io.stdout.write(`${misses.map((miss) => miss.message).join('\n')}\n`);
  }
  return 1;
}

/** What `localhost` resolves to here (the system resolver), for advice that works on this machine. */
async function localhostHere(): Promise<IpAddress[]> {
  try {
    return (await lookup('localhost', { all: true })).flatMap((entry) => readIp(entry.address) ?? []);
  } catch {
    return [...LOCALHOST_ADDRESSES];
  }
}

interface Owner {
  process: ProcessInfo | { pid: number };
  sockets: SocketRow[];
}

/** Each owning process once, with its sockets on the port. */
function ownersOf(listeners: SocketRow[], snapshot: Snapshot): Owner[] {
  const byPid = new Map<number, Owner>();
  for (const row of listeners) {
    for (const pid of row.pids) {
      const owner = byPid.get(pid) ?? { process: snapshot.processes[pid] ?? { pid }, sockets: [] };
      owner.sockets.push(row);
      byPid.set(pid, owner);
    }
  }
  return [...byPid.values()];
}

function unowned(listeners: SocketRow[]): SocketRow[] {
  return listeners.filter((row) => row.pids.length === 0);
}

function humanReport(where: string, owners: Owner[], hidden: SocketRow[]): string {
  const lines: string[] = [];
  for (const { process, sockets } of owners) {
    if ('name' in process) {
      lines.push(`${process.name} (pid ${process.pid}) listens on ${where}`);
      lines.push(`  user     ${process.user}`);
      lines.push(`  command  ${process.argv.length ? formatCommand(process.argv) : `[${process.name}]`}`);
      lines.push(`  cwd      ${process.cwd ?? '(unreadable)'}`);
      lines.push(`  started  ${formatDateTime(process.startedAt)}`);
      if (process.service) lines.push(`  managed  ${serviceText(process.service)}`);
    } else {
      lines.push(`pid ${process.pid} listens on ${where} (the process has exited or cannot be read)`);
    }
    for (const row of sockets) {
      lines.push(`  socket   ${protocolName(row)} ${endpoint(row.localAddress, row.localPort)} ${stateName(row.state)}`);
      // The /proc/net fallback cannot tell IPV6_V6ONLY: say that IPv4 reach is assumed, not known.
      if (row.localAddress === '::' && row.v6Only === null) lines.push(`  note     whether this [::] socket is IPv6-only is unknown (this source does not report IPV6_V6ONLY); IPv4 reach assumed`);
    }
  }
  for (const row of hidden) {
    const why =
      row.ownerReason === 'permission'
        ? "owned by another user's process: run as root to see it"
        : row.ownerReason === 'unreadable'
          ? 'owner not visible even to root (another namespace or a security policy)'
          : 'owner unknown';
    lines.push(`${protocolName(row)} ${endpoint(row.localAddress, row.localPort)} ${stateName(row.state)}: ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

function serviceText(service: NonNullable<ProcessInfo['service']>): string {
  switch (service.kind) {
    case 'systemd':
      return `systemd ${service.scope === 'user' ? 'user ' : ''}unit ${service.unit}`;
    case 'docker':
      return `docker container ${service.containerId.slice(0, 12)}`;
    case 'pm2':
      return `pm2 process ${service.id}${service.name ? ` (${service.name})` : ''}`;
    case 'windows-service':
      return `Windows service ${service.name}`;
  }
}
