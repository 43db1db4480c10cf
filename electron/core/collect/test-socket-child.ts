/**
 * Test support (not shipped): a child Node process that opens one socket of each kind the
 * collectors must see, moves 2 MiB each way over a loopback connection, leaves one connection
 * in TIME_WAIT, and reports what it opened as Node itself sees it (addresses, ports, fds).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { Family, Protocol, SocketState } from '../model.js';

/** One socket the child opened, as Node reports it. */
export interface ChildSocket {
  name: string;
  protocol: Protocol;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState;
  /** The child's fd for it; null for the TIME_WAIT socket, which no file holds. */
  fd: number | null;
}

/** Bytes each side of the `transfer` connection sends. */
export const TRANSFER_BYTES = 2 * 1024 * 1024;

// Plain CommonJS run with `node -e`; `_handle.fd` and dgram's state symbol are Node internals,
// used only to learn each socket's fd so the test can read its inode from /proc/<pid>/fd.
const CHILD_SCRIPT = String.raw`
const net = require('node:net');
const dgram = require('node:dgram');
const SIZE = ${TRANSFER_BYTES};
const tcpFd = (s) => s._handle.fd;
const udpFd = (s) => s[Object.getOwnPropertySymbols(s).find((k) => String(k) === 'Symbol(state symbol)')].handle.fd;
const fam = (f) => (f === 'IPv6' || f === 6 ? 6 : 4);
const out = [];
const tcpRow = (name, s, state) => out.push({ name, protocol: 'tcp', family: fam(s.remoteFamily ?? s.address().family),
  localAddress: s.localAddress, localPort: s.localPort, remoteAddress: s.remoteAddress, remotePort: s.remotePort, state, fd: tcpFd(s) });
const listen = (name, options) => new Promise((resolve, reject) => {
  const server = net.createServer();
  server.once('error', reject);
  server.listen({ port: 0, ...options }, () => {
    const a = server.address();
    out.push({ name, protocol: 'tcp', family: fam(a.family), localAddress: a.address, localPort: a.port,
      remoteAddress: null, remotePort: null, state: 'LISTEN', fd: tcpFd(server) });
    resolve(server);
  });
});
const accepted = (server) => new Promise((resolve) => server.once('connection', resolve));
const connect = (port, host) => new Promise((resolve, reject) => {
  const s = net.connect({ port, host }, () => resolve(s));
  s.once('error', reject);
});
// Writes SIZE bytes and resolves once SIZE bytes have been read from the other side.
const exchange = (s) => new Promise((resolve) => {
  let got = 0;
  s.on('data', (d) => { got += d.length; if (got >= SIZE) resolve(); });
  s.write(Buffer.alloc(SIZE, 7));
});
async function main() {
  const l4 = await listen('listen-127.0.0.1', { host: '127.0.0.1' });
  await listen('listen-::1', { host: '::1' });
  const lAny = await listen('listen-0.0.0.0', { host: '0.0.0.0' });
  const lDual = await listen('listen-::', { host: '::', ipv6Only: false });
  const u = dgram.createSocket('udp4');
  await new Promise((r) => u.bind(0, '127.0.0.1', r));
  out.push({ name: 'udp-bound', protocol: 'udp', family: 4, localAddress: '127.0.0.1', localPort: u.address().port,
    remoteAddress: null, remotePort: null, state: 'UNCONN', fd: udpFd(u) });
  const uc = dgram.createSocket('udp6');
  await new Promise((r) => uc.bind(0, '::1', r));
  await new Promise((r) => uc.connect(u.address().port, '::1', r));
  out.push({ name: 'udp-connected', protocol: 'udp', family: 6, localAddress: '::1', localPort: uc.address().port,
    remoteAddress: '::1', remotePort: uc.remoteAddress().port, state: 'ESTABLISHED', fd: udpFd(uc) });

  const serverSide = accepted(l4);
  const client = await connect(l4.address().port, '127.0.0.1');
  const server = await serverSide;
  await Promise.all([exchange(client), exchange(server)]);
  tcpRow('transfer-client', client, 'ESTABLISHED');
  tcpRow('transfer-server', server, 'ESTABLISHED');

  const mappedSide = accepted(lDual);
  const mappedClient = await connect(lDual.address().port, '127.0.0.1');
  const mappedServer = await mappedSide;
  tcpRow('mapped-client', mappedClient, 'ESTABLISHED');
  tcpRow('mapped-server', mappedServer, 'ESTABLISHED');

  // The side that closes first keeps the connection in TIME_WAIT, with no file behind it.
  lAny.once('connection', (s) => { s.on('end', () => s.end()); s.resume(); });
  const closer = await connect(lAny.address().port, '127.0.0.1');
  const tw = { name: 'time-wait', protocol: 'tcp', family: 4, localAddress: closer.localAddress, localPort: closer.localPort,
    remoteAddress: closer.remoteAddress, remotePort: closer.remotePort, state: 'TIME_WAIT', fd: null };
  await new Promise((r) => { closer.once('close', r); closer.resume(); closer.end(); });
  out.push(tw);
  process.stdout.write(JSON.stringify(out) + '\n');
}
process.stdin.on('end', () => process.exit(0)); // the test went away: do not linger
process.stdin.resume();
main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

/** A running socket child. */
export interface SocketChild {
  pid: number;
  sockets: ChildSocket[];
  /** Kills the child (by its own pid) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts the child and waits (up to `timeoutMs`) until all its sockets are open. */
export async function startSocketChild(timeoutMs = 30_000): Promise<SocketChild> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    const line = await firstLine(child, timeoutMs);
    const pid = child.pid;
    if (pid === undefined) throw new Error('socket child has no pid');
    return { pid, sockets: JSON.parse(line) as ChildSocket[], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstLine(child: ChildProcessByStdio<Writable, Readable, null>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('socket child did not report in time')), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socket child exited early (${code})`));
    });
  });
}

/** The inode behind fd `fd` of process `pid`, read from its /proc/<pid>/fd link. */
export function inodeOfFd(pid: number, fd: number): number {
  const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
  const match = /^socket:\[(\d+)\]$/.exec(link);
  if (match === null) throw new Error(`fd ${fd} of ${pid} is not a socket: ${link}`);
  return Number(match[1]);
}
