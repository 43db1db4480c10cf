/** Child processes the owner tests share: listeners of every kind, and a socket with two owners. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Child, Children } from './children.js';

/** A child with TCP listeners on 127.0.0.1, ::1 and 0.0.0.0 and a UDP socket; opens more on request. */
export const LISTENERS = `
import net from 'node:net';
import dgram from 'node:dgram';
const listen = (host) => new Promise((resolve) => { const s = net.createServer(); s.listen(0, host, () => resolve(s)); });
const v4 = await listen('127.0.0.1');
const v6 = await listen('::1');
const any = await listen('0.0.0.0');
const udp = dgram.createSocket('udp4');
await new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve));
const more = [];
onCommand(async (line) => {
  if (line === 'listen') { const s = await listen('127.0.0.1'); more.push(s); return { port: s.address().port }; }
  if (line === 'close-udp') { await new Promise((resolve) => udp.close(resolve)); return { closed: true }; }
  return { error: line };
});
report({ v4: v4.address().port, v6: v6.address().port, any: any.address().port, udp: udp.address().port });
`;

/** A child with one listener that can fork a worker and pass the listening socket to it. */
export const SHARER = `
import net from 'node:net';
import { fork } from 'node:child_process';
const server = net.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
let worker = null;
const answer = (expected) => new Promise((resolve) => worker.once('message', (m) => m === expected && resolve()));
onCommand(async (line) => {
  if (line === 'fork') { worker = fork(process.argv[2], [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }); await answer('ready'); return { worker: worker.pid }; }
  if (line === 'share') { worker.send('server', server); await answer('got'); return { shared: true }; }
  return { error: line };
});
report({ port: server.address().port });
`;

const WORKER = `
let kept = null;
process.on('message', (message, handle) => { if (message === 'server') { kept = handle; process.send('got'); } });
process.send('ready');
setInterval(() => kept, 1 << 30);
`;

/** Starts SHARER (its worker script in a temp dir); `fork` then `share` gives the socket two owners. */
export async function startSharer(children: Children): Promise<{ child: Child; port: number }> {
  const dir = children.tempDir();
  const worker = join(dir, 'worker.mjs');
  writeFileSync(worker, WORKER);
  const child = await children.node(SHARER, { args: [worker] });
  return { child, port: child.ready['port'] as number };
}
