/**
 * Measures OwnerResolver against `ss -tanp` with thousands of real loopback connections held
 * by two child processes (a server and a client, each under the 20,000 fd limit). Not a test:
 * it asserts nothing and returns numbers; run-owner-resolver-bench.ts prints them (see there
 * how to bundle and run it).
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { OwnerResolver, type OwnerScanStats } from '../owner-resolver.js';
import { Children } from '../test-support/children.js';

/** Timings for one load size (ms; medians unless named otherwise). */
export interface OwnerBenchResult {
  connections: number;
  tcpInodes: number;
  ssTan: number;
  ssTanp: number;
  cold: { ms: number; stats: OwnerScanStats };
  steady: { medianMs: number; maxMs: number; stats: OwnerScanStats };
  incremental: { ms: number; stats: OwnerScanStats };
  churn: { ms: number; stats: OwnerScanStats };
  periodicFull: { ms: number; stats: OwnerScanStats };
}

const SERVER = `
import net from 'node:net';
const held = [];
const server = net.createServer((socket) => {
  held.push(socket);
  socket.on('error', () => {});
  socket.on('end', () => { socket.destroy(); held.splice(held.indexOf(socket), 1); });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
onCommand(async () => ({ accepted: held.length }));
report({ port: server.address().port });
`;

const CLIENT = `
import net from 'node:net';
const [port, count] = process.argv.slice(2).map(Number);
const held = [];
const connect = () => new Promise((resolve, reject) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); s.once('error', reject); });
for (let done = 0; done < count; ) {
  const batch = Math.min(500, count - done);
  held.push(...(await Promise.all(Array.from({ length: batch }, connect))));
  done += batch;
}
onCommand(async (line) => {
  if (line === 'churn') held.shift().destroy();
  held.push(await connect());
  return { connections: held.length };
});
report({ connections: held.length });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeCommand(args: string[]): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    execFileSync('ss', args, { maxBuffer: 1 << 28 });
    runs.push(performance.now() - started);
  }
  return median(runs);
}

function tcpInodes(): number[] {
  const text = execFileSync('ss', ['-tanHe'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const inodes: number[] = [];
  for (const match of text.matchAll(/\bino:(\d+)/g)) {
    const inode = Number(match[1]);
    if (inode > 0) inodes.push(inode);
  }
  return inodes;
}

async function waitAccepted(server: { ask(command: string): Promise<Record<string, unknown>> }, count: number): Promise<void> {
  for (;;) {
    const { accepted } = (await server.ask('count')) as { accepted: number };
    if (accepted === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Median-by-time of five resolves after `change` each (a client command). */
async function afterChanges(
  resolver: OwnerResolver,
  change: () => Promise<void>,
): Promise<{ ms: number; stats: OwnerScanStats }> {
  const runs: Array<{ ms: number; stats: OwnerScanStats }> = [];
  for (let i = 0; i < 5; i++) {
    await change();
    const next = tcpInodes();
    const started = performance.now();
    resolver.resolve(next);
    runs.push({ ms: performance.now() - started, stats: resolver.lastScanStats });
  }
  return runs.sort((a, b) => a.ms - b.ms)[2] ?? { ms: 0, stats: resolver.lastScanStats };
}

/** Runs one load size: opens `connections` loopback connections, measures, closes them. */
export async function benchOwnerResolver(connections: number): Promise<OwnerBenchResult> {
  const children = new Children();
  try {
    const server = await children.node(SERVER);
    const port = server.ready['port'] as number;
    const client = await children.node(CLIENT, { args: [String(port), String(connections)] });
    await waitAccepted(server, connections);

    const inodes = tcpInodes();
    const ssTan = timeCommand(['-tan']);
    const ssTanp = timeCommand(['-tanp']);

    const colds: Array<{ ms: number; stats: OwnerScanStats }> = [];
    let resolver = new OwnerResolver();
    for (let i = 0; i < 3; i++) {
      resolver = new OwnerResolver({ fullRescanEveryCalls: 1_000_000, fullRescanIntervalMs: 3_600_000 });
      const started = performance.now();
      resolver.resolve(inodes);
      colds.push({ ms: performance.now() - started, stats: resolver.lastScanStats });
    }
    const cold = colds.sort((a, b) => a.ms - b.ms)[1] ?? { ms: 0, stats: resolver.lastScanStats };

    const steadyRuns: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      resolver.resolve(inodes);
      steadyRuns.push(performance.now() - started);
    }
    const steady = { medianMs: median(steadyRuns), maxMs: Math.max(...steadyRuns), stats: resolver.lastScanStats };

    // A growing process: the new fds are above the highest known ones.
    let open = connections;
    const incremental = await afterChanges(resolver, async () => {
      await client.ask('connect');
      await waitAccepted(server, ++open);
    });
    // Churn: one connection closes and a new one takes the freed fd numbers on both sides.
    const churn = await afterChanges(resolver, async () => {
      await client.ask('churn');
      await waitAccepted(server, open);
    });

    resolver.invalidate();
    const started = performance.now();
    resolver.resolve(tcpInodes());
    const periodicFull = { ms: performance.now() - started, stats: resolver.lastScanStats };

    return { connections, tcpInodes: inodes.length, ssTan, ssTanp, cold, steady, incremental, churn, periodicFull };
  } finally {
    await children.stopAll();
  }
}
