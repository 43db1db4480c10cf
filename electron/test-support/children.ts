/**
 * Real child processes for tests: each runs a small Node script that opens sockets and
 * prints one JSON line when ready. Tests stop only the children they started, by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  pid: number;
  process: ChildProcess;
  /** The first JSON line the script printed (its ports). */
  ready: Record<string, unknown>;
  stop(): Promise<void>;
}

const started = new Set<Child>();

/** Runs `node -e script` (with optional argv, cwd, env) and waits for its first JSON line. */
export async function startChild(
  script: string,
  options: { args?: string[]; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Child> {
  const child = spawn(process.execPath, ['-e', script, '--', ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('child did not start');
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child not ready in time')), options.timeoutMs ?? 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.once('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
  });
  const handle: Child = {
    pid,
    process: child,
    ready,
    stop: async () => {
      started.delete(handle);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
  started.add(handle);
  return handle;
}

/** Stops every child still running (call from afterEach/afterAll). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...started].map((child) => child.stop()));
}

/** A child listening with TCP on `host` (port 0 = any free one); prints {"port": N}. */
export function tcpListenerScript(host: string): string {
  return `const s=require('net').createServer(()=>{});s.listen(0,${JSON.stringify(host)},()=>{console.log(JSON.stringify({port:s.address().port}))});`;
}

/** A child with a bound UDP socket on `host`; prints {"port": N}. */
export function udpSocketScript(host: string): string {
  const type = host.includes(':') ? 'udp6' : 'udp4';
  return `const s=require('dgram').createSocket('${type}');s.bind(0,${JSON.stringify(host)},()=>{console.log(JSON.stringify({port:s.address().port}))});`;
}

/**
 * A child with sockets whose IPV6_V6ONLY differs: TCP listeners and bound UDP sockets on `::`
 * with the option set (`only`) and not (`dual`), a UDP socket on `::` that connects to ::1 on
 * SIGUSR2 (`connects`; the kernel then tells the option no more), and an IPv4 listener (`v4`).
 * Prints the ports: {"tcpOnly", "tcpDual", "udpOnly", "udpDual", "connects", "v4"}.
 */
export const V6_ONLY_SCRIPT = `
const net = require('node:net');
const dgram = require('node:dgram');
const listen = (options) => new Promise((resolve) => { const s = net.createServer(); s.listen({ port: 0, ...options }, () => resolve(s.address().port)); });
const bind = (ipv6Only) => new Promise((resolve) => { const s = dgram.createSocket({ type: 'udp6', ipv6Only }); s.bind(0, '::', () => resolve(s)); });
(async () => {
  const ports = {
    tcpOnly: await listen({ host: '::', ipv6Only: true }),
    tcpDual: await listen({ host: '::', ipv6Only: false }),
    udpOnly: (await bind(true)).address().port,
    udpDual: (await bind(false)).address().port,
    v4: await listen({ host: '127.0.0.1' }),
  };
  const connects = await bind(false);
  ports.connects = connects.address().port;
  process.on('SIGUSR2', () => connects.connect(ports.udpDual, '::1'));
  console.log(JSON.stringify(ports));
})();
`;

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
