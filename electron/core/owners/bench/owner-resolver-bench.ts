/**
 * Measures OwnerResolver against `ss -tanp` with thousands of real loopback connections held
 * by two child processes (a server and a client, each under the 20,000 fd limit). Not a test:
 * it asserts nothing and returns numbers; run-owner-resolver-bench.ts prints them (see there
 * how to bundle and run it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { clockTicksPerSecond } from '../boot-clock.js';
import { OwnerResolver, type OwnerScanStats } from '../owner-resolver.js';
import { Children } from '../test-support/children.js';

/** Wall-clock and CPU time of one measured step (CPU time is what counts on a busy machine). */
export interface Cost {
  wallMs: number;
  cpuMs: number;
}

/** One measured resolve call. */
export interface ResolveCost extends Cost {
  stats: OwnerScanStats;
}

/** Costs for one load size (medians). */
export interface OwnerBenchResult {
  connections: number;
  tcpInodes: number;
  ssTan: Cost;
  ssTanp: Cost;
  cold: ResolveCost;
  /** No new inodes; `dirsRead` sums all calls (new processes appearing meanwhile). */
  steady: ResolveCost & { maxWallMs: number; dirsRead: number };
  incremental: ResolveCost;
  churn: ResolveCost;
  periodicFull: ResolveCost;
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

function median<T>(values: T[], key: (value: T) => number): T {
  const sorted = [...values].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)] as T;
}

/** Runs `step` and measures it; CPU time from process.cpuUsage (user + system). */
function measure<T>(step: () => T): Cost & { value: T } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = step();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** CPU time of waited-for children so far (/proc/self/stat cutime + cstime, in ms). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicksPerSecond();
}

/** Median wall time and mean CPU time of five runs of `ss <args>`. */
function timeSs(args: string[]): Cost {
  const walls: number[] = [];
  const cpuBefore = childrenCpuMs();
  for (let i = 0; i < 5; i++)
    walls.push(measure(() => execFileSync('ss', args, { maxBuffer: 1 << 28 })).wallMs);
  return { wallMs: median(walls, (ms) => ms), cpuMs: (childrenCpuMs() - cpuBefore) / 5 };
}

/** One resolve call, measured. */
function timedResolve(resolver: OwnerResolver, inodes: number[]): ResolveCost {
  const { wallMs, cpuMs } = measure(() => resolver.resolve(inodes));
  return { wallMs, cpuMs, stats: resolver.lastScanStats };
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

async function waitAccepted(
  server: { ask(command: string): Promise<Record<string, unknown>> },
  count: number,
): Promise<void> {
  for (;;) {
    const { accepted } = (await server.ask('count')) as { accepted: number };
    if (accepted === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The median (by CPU time) of five resolves, each after `change` (a client command). */
async function afterChanges(resolver: OwnerResolver, change: () => Promise<void>): Promise<ResolveCost> {
  const runs: ResolveCost[] = [];
  for (let i = 0; i < 5; i++) {
    await change();
    runs.push(timedResolve(resolver, tcpInodes()));
  }
  return median(runs, (run) => run.cpuMs);
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
    const ssTan = timeSs(['-tan']);
    const ssTanp = timeSs(['-tanp']);

    const steadyOptions = { fullRescanEveryCalls: 1_000_000, fullRescanIntervalMs: 3_600_000 };
    const colds: ResolveCost[] = [];
    let resolver = new OwnerResolver(steadyOptions);
    for (let i = 0; i < 3; i++) {
      resolver = new OwnerResolver(steadyOptions);
      colds.push(timedResolve(resolver, inodes));
    }
    const cold = median(colds, (run) => run.cpuMs);

    const steadyRuns: ResolveCost[] = [];
    for (let i = 0; i < 30; i++) steadyRuns.push(timedResolve(resolver, inodes));
    const steady = {
      ...median(steadyRuns, (run) => run.cpuMs),
      maxWallMs: Math.max(...steadyRuns.map((run) => run.wallMs)),
      dirsRead: steadyRuns.reduce((sum, run) => sum + run.stats.dirsRead, 0),
    };

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
    const periodicFull = timedResolve(resolver, tcpInodes());

    return {
      connections,
      tcpInodes: inodes.length,
      ssTan,
      ssTanp,
      cold,
      steady,
      incremental,
      churn,
      periodicFull,
    };
  } finally {
    await children.stopAll();
  }
}
