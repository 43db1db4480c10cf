import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutTools } from '../../electron/test-support/system-tools.js';
import { startSocketFarm, type SocketFarm } from './socket-farm.mjs';

/** Why the tests that count the farm's sockets with `ss` are skipped here, or null. */
const noSs = withoutTools('ss');

const farms: SocketFarm[] = [];
afterEach(async () => {
  await Promise.all(farms.splice(0).map((farm) => farm.stop()));
});

async function farm(options: Parameters<typeof startSocketFarm>[0]): Promise<SocketFarm> {
  const started = await startSocketFarm(options);
  farms.push(started);
  return started;
}

/** Lines of `ss -<flags>H` for sockets whose local or remote port is one of `ports`. */
function ss(flags: string, ports: number[], state?: string): string[] {
  const filter = `( ${ports.map((p) => `sport = :${p} or dport = :${p}`).join(' or ')} )`;
  const args = [`-${flags}H`, ...(state ? ['state', state] : []), filter];
  return execFileSync('ss', args, { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Socket fds a process holds, read from /proc/<pid>/fd. */
function socketFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

/** Pids whose parent is this process (the farm's children, or leftovers of a failed start). */
function ourChildren(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('startSocketFarm', () => {
  it.skipIf(noSs)('a farm of 500 connections shows >= 1000 ESTABLISHED sockets in ss for its ports; stop() leaves none of its pids alive', async () => {
    const started = await farm({ tcpConnections: 500, listeners: 2 });
    expect(started.ports).toHaveLength(2);
    expect(started.pids.length).toBeGreaterThanOrEqual(2);

    expect(ss('tan', started.ports, 'established').length).toBeGreaterThanOrEqual(1000);
    for (const pid of started.pids) expect(alive(pid)).toBe(true);

    await started.stop();
    farms.splice(farms.indexOf(started), 1);
    for (const pid of started.pids) expect(alive(pid)).toBe(false);
    // Connections are reset on stop, so nothing of the farm lingers (no TIME_WAIT either).
    expect(ss('tan', started.ports)).toEqual([]);
  });

  it.skipIf(noSs)('puts server and client ends in different processes and splits each side under maxSocketsPerProcess', async () => {
    const started = await farm({ tcpConnections: 500, maxSocketsPerProcess: 200 });
    // ceil(500 / 200) = 3 server processes (one listener each at least) and 3 client processes.
    expect(started.pids).toHaveLength(6);
    expect(started.ports).toHaveLength(3);
    expect(started.sourceAddresses).toHaveLength(3);
    const counts = started.pids.map(socketFds);
    // Each holds its share plus its listener(s) and its IPC channel to the farm.
    for (const count of counts) expect(count).toBeLessThanOrEqual(200 + 3);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);

    // Every established socket has one end on a farm source address: the client processes'.
    const lines = ss('tan', started.ports, 'established');
    expect(lines.length).toBeGreaterThanOrEqual(1000);
    for (const line of lines) {
      const [, , local = '', peer = ''] = line.trim().split(/\s+/);
      const addresses = [local, peer].map((endpoint) => endpoint.slice(0, endpoint.lastIndexOf(':')));
      expect(addresses.some((address) => started.sourceAddresses.includes(address))).toBe(true);
    }
  });

  it.skipIf(noSs)('binds the requested UDP sockets on loopback', async () => {
    const started = await farm({ tcpConnections: 10, udpSockets: 30 });
    expect(new Set(started.udpPorts).size).toBe(30);
    const lines = ss('uan', started.udpPorts);
    expect(lines).toHaveLength(30);
    for (const line of lines) expect(line).toContain(`${started.serverAddress}:`);
  });

  it.skipIf(noSs)('with traffic, byte counters of some connections keep growing', async () => {
    const started = await farm({ tcpConnections: 40, traffic: { every: 4, bytes: 16, intervalMs: 200 } });
    const received = (): number[] =>
      ss('tin', started.ports, 'established')
        .join(' ')
        .match(/bytes_received:(\d+)/g)
        ?.map((field) => Number(field.split(':')[1])) ?? [];
    await until(() => received().filter((bytes) => bytes >= 64).length >= 10);
  });

  it('a farm not ready in time rejects and stops every child it started', async () => {
    const before = new Set(ourChildren());
    await expect(startSocketFarm({ tcpConnections: 2000, timeoutMs: 1 })).rejects.toThrow(/not ready/);
    const leftovers = ourChildren().filter((pid) => !before.has(pid));
    expect(leftovers).toEqual([]);
  });

  it('refuses nonsense options before starting anything', async () => {
    await expect(startSocketFarm({ tcpConnections: -1 })).rejects.toThrow(RangeError);
    await expect(startSocketFarm({ tcpConnections: 10, listeners: 1.5 })).rejects.toThrow(RangeError);
  });
});
