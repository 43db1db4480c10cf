// One process of a socket farm (see socket-farm.mjs). Its role comes as JSON in argv[2]:
//   server — listens on `listeners` loopback TCP ports, accepts, echoes any data back, and reports
//            its accepted count (ready is counted on this side: a client's connect only means
//            the handshake finished, not that the server holds the socket);
//   client — opens `targets[i].count` connections to each target port from its own source address;
//   udp    — binds `count` UDP sockets.
// It talks to the farm over the IPC channel and exits on SIGTERM or when the farm goes away,
// resetting its TCP connections first so no TIME_WAIT sockets (and no used ephemeral ports) linger.
import net from 'node:net';
import dgram from 'node:dgram';
import process from 'node:process';

/**
 * What a client process's connections send (see SocketFarmOptions.traffic).
 * @typedef {{ every: number; bytes: number; intervalMs: number }} TrafficPlan
 */

/**
 * A farm process's role and its share of the farm, as JSON in argv[2].
 * @typedef {{ role: 'server'; host: string; listeners: number }
 *   | { role: 'client'; host: string; sourceAddress: string; targets: { port: number; count: number }[]; concurrency: number; traffic: TrafficPlan | null }
 *   | { role: 'udp'; host: string; count: number }} ChildConfig
 */

/**
 * What a farm process tells the farm over IPC.
 * @typedef {{ type: 'listening'; ports: number[] }
 *   | { type: 'accepted'; count: number }
 *   | { type: 'connected'; count: number }
 *   | { type: 'bound'; ports: number[] }
 *   | { type: 'error'; message: string }} ChildMessage
 */

/** @type {ChildConfig} */
const config = JSON.parse(process.argv[2] ?? '{}');
/**
 * Every TCP socket this process holds, so shutdown can reset them all.
 * @type {Set<net.Socket>}
 */
const tcpSockets = new Set();
/** @type {net.Server[]} */
const servers = [];
/** @type {dgram.Socket[]} */
const udpSockets = [];
/** @type {NodeJS.Timeout[]} */
const timers = [];

/** @param {ChildMessage} message */
function send(message) {
  if (process.connected) process.send?.(message);
}

/** @param {unknown} error */
function fail(error) {
  send({
    type: 'error',
    message: `${config.role}: ${error instanceof Error ? error.message : String(error)}`,
  });
}

function shutdown() {
  for (const timer of timers) clearInterval(timer);
  for (const socket of tcpSockets) socket.resetAndDestroy();
  for (const server of servers) server.close();
  for (const socket of udpSockets) socket.close();
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The farm died without stopping us: do not outlive it.
process.on('disconnect', shutdown);

/** @param {net.Socket} socket */
function track(socket) {
  tcpSockets.add(socket);
  socket.on('close', () => tcpSockets.delete(socket));
  // A peer reset during shutdown is expected; anything else surfaces as a lost connection count.
  socket.on('error', () => {});
}

/** @param {Extract<ChildConfig, { role: 'server' }>} config */
async function runServer({ host, listeners }) {
  let accepted = 0;
  let reported = -1;
  /** @type {number[]} */
  const ports = [];
  for (let i = 0; i < listeners; i++) {
    const server = net.createServer((socket) => {
      track(socket);
      accepted++;
      socket.on('data', (chunk) => socket.write(chunk));
    });
    servers.push(server);
    await /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port: 0, backlog: 4096 }, resolve);
      })
    );
    server.on('error', fail);
    // Listening on TCP: address() is an AddressInfo.
    ports.push(/** @type {net.AddressInfo} */ (server.address()).port);
  }
  send({ type: 'listening', ports });
  // Report the count when it changes, a few times a second: cheap and enough for a ready check.
  timers.push(
    setInterval(() => {
      if (accepted === reported) return;
      reported = accepted;
      send({ type: 'accepted', count: accepted });
    }, 50),
  );
}

/**
 * @param {string} host
 * @param {number} port
 * @param {string} localAddress
 * @returns {Promise<net.Socket>}
 */
function connectOne(host, port, localAddress) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, localAddress });
    track(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** @param {Extract<ChildConfig, { role: 'client' }>} config */
async function runClient({ host, sourceAddress, targets, concurrency, traffic }) {
  const queue = targets.flatMap(({ port, count }) => Array.from({ length: count }, () => port));
  /** @type {net.Socket[]} */
  const connected = [];
  let next = 0;
  // A bounded number of handshakes in flight keeps the listeners' accept queues from overflowing.
  async function worker() {
    while (next < queue.length) {
      const port = /** @type {number} */ (queue[next++]);
      connected.push(await connectOne(host, port, sourceAddress));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  send({ type: 'connected', count: connected.length });
  if (traffic) {
    const talkers = connected.filter((_, i) => i % traffic.every === 0);
    const payload = Buffer.alloc(traffic.bytes, 'x');
    timers.push(
      setInterval(() => {
        for (const socket of talkers) if (!socket.destroyed) socket.write(payload);
      }, traffic.intervalMs),
    );
  }
}

/** @param {Extract<ChildConfig, { role: 'udp' }>} config */
async function runUdp({ host, count }) {
  /** @type {number[]} */
  const ports = [];
  for (let i = 0; i < count; i++) {
    const socket = dgram.createSocket('udp4');
    udpSockets.push(socket);
    await /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ address: host, port: 0 }, resolve);
      })
    );
    ports.push(socket.address().port);
  }
  send({ type: 'bound', ports });
}

/**
 * Starts the role `config` names; undefined for an unknown role.
 * @returns {Promise<void> | undefined}
 */
function run() {
  switch (config.role) {
    case 'server':
      return runServer(config);
    case 'client':
      return runClient(config);
    case 'udp':
      return runUdp(config);
    default:
      return undefined;
  }
}
const running = run();
if (!running) {
  fail(new Error(`unknown role ${JSON.stringify(config.role)}`));
  process.exit(2);
}
running.catch(fail);
