// A farm of real loopback sockets in child processes, for the benchmark, e2e and load tests.
// Server and client ends live in different processes (the fd limit is per process: 20,000
// here), and each side is split over several processes when one cannot hold its share.
// Each client process connects from its own random 127.x.y.z source address: all of 127/8 is
// loopback, and every source address has its own ~28k ephemeral ports, so farms never starve
// each other (or a previous farm's leftovers) of ports.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

/** @import { ChildProcess } from 'node:child_process' */
/** @import { ChildConfig, ChildMessage } from './socket-farm-child.mjs' */

/**
 * Options of {@link startSocketFarm}.
 * @typedef {object} SocketFarmOptions
 * @property {number} tcpConnections Established loopback TCP connections; each is two sockets (server end and client end).
 * @property {number} [udpSockets] Bound, unconnected UDP sockets on 127.0.0.1. Default 0.
 * @property {number} [listeners] Listening TCP ports, at least one per server process. Default 1.
 * @property {boolean | { every?: number; bytes?: number; intervalMs?: number }} [traffic] Keep byte counters
 *   moving: every `every`-th connection's client writes `bytes` bytes each `intervalMs`, and the server echoes
 *   them. `true` means every 10th, 32 bytes, each second.
 * @property {number} [maxSocketsPerProcess] Cap on sockets per child process (capped again by the hard fd limit). Default 5000.
 * @property {number} [concurrency] Handshakes in flight per client process. Default 256.
 * @property {number} [timeoutMs] Rejects (after stopping its children) if not ready by then. Default 60 s + 5 ms a connection.
 */

/**
 * A running farm.
 * @typedef {object} SocketFarm
 * @property {number[]} pids Pids of every child process (servers, UDP holders, clients).
 * @property {number[]} ports Listening TCP ports on {@link SocketFarm.serverAddress}; every connection goes to one of them.
 * @property {number[]} udpPorts Ports of the bound UDP sockets.
 * @property {string} serverAddress Where the listeners and UDP sockets are bound: 127.0.0.1.
 * @property {string[]} sourceAddresses One random 127.x.y.z source address per client process.
 * @property {() => Promise<void>} stop Stops exactly the farm's children (by pid) and resolves once all have exited.
 */

/**
 * A started farm process.
 * @template {ChildConfig} [C=ChildConfig]
 * @typedef {object} FarmChild
 * @property {ChildProcess} child
 * @property {C} config
 * @property {Promise<{ code: number | null; signal: NodeJS.Signals | null }>} exited
 * @property {() => string} stderr The tail of its stderr.
 */

/** @typedef {{ port: number; count: number }} PortShare Connections to make to one listener port. */
/** @typedef {{ count: number; targets: PortShare[] }} ClientPlan One client process's connections. */

const CHILD = fileURLToPath(new URL('./socket-farm-child.mjs', import.meta.url));
const SERVER_HOST = '127.0.0.1';
/** Fds a node process needs for itself (stdio, IPC, epoll, libuv's pipes...). */
const FD_RESERVE = 64;
const DEFAULT_MAX_SOCKETS_PER_PROCESS = 5000;
// Raise the soft fd limit to the hard one, then become node (exec keeps the pid).
const RAISE_LIMIT = 'ulimit -S -n "$(ulimit -H -n)" 2>/dev/null; exec "$@"';

/**
 * The hard limit on open files, which the children raise their soft limit to.
 * @returns {number}
 */
export function hardFdLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const hard = line?.trim().split(/\s+/)[4];
  const value = Number(hard);
  return hard === 'unlimited' || !Number.isFinite(value) ? 1_048_576 : value;
}

/**
 * Splits `total` into `parts` near-equal non-negative integers.
 * @param {number} total
 * @param {number} parts
 * @returns {number[]}
 */
function split(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** A random source address in 127.1.0.1–127.254.255.254, away from the usual 127.0.0.x. */
function randomLoopback() {
  /** @type {(min: number, max: number) => number} */
  const byte = (min, max) => min + Math.floor(Math.random() * (max - min + 1));
  return `127.${byte(1, 254)}.${byte(0, 255)}.${byte(1, 254)}`;
}

/**
 * Plans which client process connects how many times to which listener port, filling client
 * processes in order so each holds at most `perClient` connections.
 * @param {readonly PortShare[]} listenerShares
 * @param {number} perClient
 * @param {number} total
 * @returns {ClientPlan[]}
 */
function planClients(listenerShares, perClient, total) {
  /** @type {ClientPlan[]} */
  const clients = split(total, Math.ceil(total / perClient) || 0).map((count) => ({ count, targets: [] }));
  let client = 0;
  let room = clients[0]?.count ?? 0;
  for (const share of listenerShares) {
    let left = share.count;
    while (left > 0) {
      const take = Math.min(left, room);
      // clients[client] exists: the shares add up to `total`, and so do the clients' counts.
      /** @type {ClientPlan} */ (clients[client]).targets.push({ port: share.port, count: take });
      left -= take;
      room -= take;
      if (room === 0 && client + 1 < clients.length)
        room = /** @type {ClientPlan} */ (clients[++client]).count;
    }
  }
  return clients;
}

/**
 * Starts one farm child and tracks its messages, exit and stderr tail.
 * @template {ChildConfig} C
 * @param {C} config
 * @returns {FarmChild<C>}
 */
function startChild(config) {
  const child = spawn('/bin/sh', ['-c', RAISE_LIMIT, 'sh', process.execPath, CHILD, JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let stderr = '';
  // Piped (stdio[2]), so it exists.
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (/** @type {string} */ text) => {
    stderr = (stderr + text).slice(-2000);
  });
  /** @type {FarmChild['exited']} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, config, exited, stderr: () => stderr.trim() };
}

/**
 * Resolves with the first message of `type` from `entry`; rejects on an error message or exit.
 * @template {ChildMessage['type']} T
 * @param {FarmChild} entry
 * @param {T} type
 * @returns {Promise<Extract<ChildMessage, { type: T }>>}
 */
function waitFor(entry, type) {
  return new Promise((resolve, reject) => {
    /** @param {ChildMessage | undefined} message */
    const onMessage = (message) => {
      if (message?.type === type) {
        entry.child.off('message', onMessage);
        resolve(/** @type {Extract<ChildMessage, { type: T }>} */ (message));
      } else if (message?.type === 'error') {
        entry.child.off('message', onMessage);
        reject(new Error(message.message));
      }
    };
    entry.child.on('message', onMessage);
    entry.exited.then(({ code, signal }) => {
      entry.child.off('message', onMessage);
      reject(
        new Error(
          `${entry.config.role} process ${entry.child.pid} exited (${signal ?? code}) before "${type}": ${entry.stderr()}`,
        ),
      );
    });
  });
}

/**
 * Stops children by their own pids: SIGTERM (they reset their connections), SIGKILL after a grace.
 * @param {readonly FarmChild[]} entries
 * @param {number} [graceMs]
 * @returns {Promise<void>}
 */
async function stopChildren(entries, graceMs = 5000) {
  await Promise.all(
    entries.map(async (entry) => {
      if (entry.child.exitCode !== null || entry.child.signalCode !== null) return;
      entry.child.kill('SIGTERM');
      const timer = setTimeout(() => entry.child.kill('SIGKILL'), graceMs);
      await entry.exited;
      clearTimeout(timer);
    }),
  );
}

/**
 * Throws unless every count option is a non-negative integer.
 * @param {Record<string, number>} counts
 */
function checkCounts(counts) {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`startSocketFarm: ${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * A deadline every wait races: `within` rejects when the farm is not ready in time.
 * @param {number} timeoutMs
 * @returns {{ within: <T>(promise: Promise<T>) => Promise<T>, clear: () => void }}
 */
function farmDeadline(timeoutMs) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`socket farm not ready after ${timeoutMs} ms`)), timeoutMs);
  });
  deadline.catch(() => {});
  return {
    within: (promise) => Promise.race([promise, deadline]),
    clear: () => clearTimeout(timer),
  };
}

/**
 * Counts accepted connections from the servers' first message on (so none is missed); settles
 * once they add up to `total`.
 * @param {readonly FarmChild[]} servers
 * @param {number} total
 * @returns {Promise<void>}
 */
function allAccepted(servers, total) {
  const accepted = new Map(servers.map((entry) => [entry, 0]));
  return new Promise((resolve) => {
    const check = () => {
      let sum = 0;
      for (const count of accepted.values()) sum += count;
      if (sum >= total) resolve();
    };
    for (const entry of servers) {
      entry.child.on('message', (/** @type {ChildMessage | undefined} */ message) => {
        if (message?.type !== 'accepted') return;
        accepted.set(entry, message.count);
        check();
      });
    }
    check();
  });
}

/**
 * Spreads each server process's share of connections evenly over its listeners.
 * @param {readonly { ports: readonly number[] }[]} listening  one message per server process
 * @param {number} tcpConnections
 * @returns {{ port: number, count: number }[]}
 */
function listenerShares(listening, tcpConnections) {
  const serverShares = split(tcpConnections, listening.length);
  return listening.flatMap((message, i) =>
    split(/** @type {number} */ (serverShares[i]), message.ports.length).map((count, j) => ({
      port: /** @type {number} */ (message.ports[j]),
      count,
    })),
  );
}

/**
 * Starts a socket farm: `tcpConnections` established loopback TCP connections (two sockets
 * each, server and client ends in different processes), `listeners` or more listening ports
 * (at least one per server process), and `udpSockets` bound UDP sockets. Resolves once every
 * connection has been accepted on the server side.
 * @param {SocketFarmOptions} options
 * @returns {Promise<SocketFarm>}
 */
export async function startSocketFarm({
  tcpConnections,
  udpSockets = 0,
  listeners = 1,
  traffic = false,
  maxSocketsPerProcess = DEFAULT_MAX_SOCKETS_PER_PROCESS,
  concurrency = 256,
  timeoutMs = 60_000 + tcpConnections * 5,
}) {
  checkCounts({ tcpConnections, udpSockets, listeners, maxSocketsPerProcess, concurrency });
  const perProcess = Math.max(1, Math.min(maxSocketsPerProcess, hardFdLimit() - FD_RESERVE));
  const serverCount = Math.max(1, Math.ceil(tcpConnections / perProcess));
  const listenerCounts = split(Math.max(listeners, serverCount), serverCount);
  const trafficPlan = traffic
    ? { every: 10, bytes: 32, intervalMs: 1000, ...(traffic === true ? {} : traffic) }
    : null;

  /** @type {FarmChild[]} */
  const entries = [];
  const { within, clear } = farmDeadline(timeoutMs);
  try {
    const servers = listenerCounts.map((count) =>
      startChild({ role: 'server', host: SERVER_HOST, listeners: count }),
    );
    const udps = split(udpSockets, Math.ceil(udpSockets / perProcess))
      .filter((count) => count > 0)
      .map((count) => startChild({ role: 'udp', host: SERVER_HOST, count }));
    entries.push(...servers, ...udps);
    const accepted = allAccepted(servers, tcpConnections);

    const listening = await within(Promise.all(servers.map((entry) => waitFor(entry, 'listening'))));
    const bound = await within(Promise.all(udps.map((entry) => waitFor(entry, 'bound'))));
    const clients = planClients(listenerShares(listening, tcpConnections), perProcess, tcpConnections).map(
      ({ targets }) =>
        startChild({
          role: 'client',
          host: SERVER_HOST,
          sourceAddress: randomLoopback(),
          targets,
          concurrency,
          traffic: trafficPlan,
        }),
    );
    entries.push(...clients);
    await within(Promise.all([...clients.map((entry) => waitFor(entry, 'connected')), accepted]));

    return {
      // Every child spawned (a failed spawn has no pid, and exits before any message).
      pids: entries.map((entry) => /** @type {number} */ (entry.child.pid)),
      ports: listening.flatMap((message) => message.ports),
      udpPorts: bound.flatMap((message) => message.ports),
      serverAddress: SERVER_HOST,
      sourceAddresses: clients.map((entry) => entry.config.sourceAddress),
      stop: () => stopChildren(entries),
    };
  } catch (error) {
    await stopChildren(entries);
    throw error;
  } finally {
    clear();
  }
}
