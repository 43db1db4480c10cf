/** The CLI end to end, in-process (runCli) and as a real process, against real sockets. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren, tcpListenerScript, udpSocketScript, V6_ONLY_SCRIPT, type Child } from '../test-support/children.js';
import { ROW_EXPORT_COLUMNS } from '../contract/export/row-export.js';
import { cli } from './test-support/captured-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP listener of this process on 127.0.0.1. */
async function startListener(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('portlens list / who against real listeners', () => {
  const children: Record<string, Child> = {};
  beforeAll(async () => {
    children.v4 = await startChild(tcpListenerScript('127.0.0.1'));
    children.v6 = await startChild(tcpListenerScript('::1'));
    children.all = await startChild(tcpListenerScript('0.0.0.0'));
    children.udp = await startChild(udpSocketScript('127.0.0.1'));
  });
  afterAll(stopAllChildren);

  it('list --resolve labels a loopback peer without a lookup; --json refuses it', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const { connect } = await import('node:net');
    const client = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    try {
      const { code, stdout } = await cli('list', '--resolve', '--port', String(port), '--pid', String(process.pid));
      expect(code).toBe(0);
      expect(stdout).toContain(`127.0.0.1:${port} (loopback)`);
      expect((await cli('list', '--resolve', '--json')).code).toBe(2);
    } finally {
      client.destroy();
      server.close();
    }
  });

  it('list --csv writes the v4 child as one CSV line with its owner and command', async () => {
    const child = children.v4!;
    const { code, stdout, stderr } = await cli('list', '--csv', '--pid', String(child.pid));
    expect([code, stderr]).toEqual([0, '']);
    const [header, line, end] = stdout.split('\r\n');
    expect(header).toBe(ROW_EXPORT_COLUMNS.join(','));
    expect(end).toBe('');
    const cells = line!.split(',');
    const at = (column: string) => cells[ROW_EXPORT_COLUMNS.indexOf(column)];
    expect([at('protocol'), at('localAddress'), at('localPort'), at('state'), at('pids'), at('processName')]).toEqual([
      'tcp', '127.0.0.1', String(child.ready.port), 'LISTEN', String(child.pid), 'node',
    ]);
    expect(at('command')).toMatch(/^"?.*node -e /);
  });

  it.each([
    ['v4', 'tcp', 4, '127.0.0.1', 'LISTEN', 'loopback'],
    ['v6', 'tcp', 6, '::1', 'LISTEN', 'loopback'],
    ['all', 'tcp', 4, '0.0.0.0', 'LISTEN', 'all'],
    ['udp', 'udp', 4, '127.0.0.1', 'UNCONN', 'loopback'],
  ] as const)('list --json shows the %s child with its pid, name and scope', async (key, protocol, family, address, state, scope) => {
    const child = children[key]!;
    const { code, stdout, stderr } = await cli('list', '--json', '--pid', String(child.pid));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      protocol,
      family,
      localAddress: address,
      localPort: child.ready.port,
      remoteAddress: null,
      remotePort: null,
      state,
      scope,
      pids: [child.pid],
      process: { pid: child.pid, name: 'node', user: 'root' },
    });
    for (const field of ['bytesSent', 'bytesReceived', 'inode', 'uid', 'id']) expect(rows[0]).toHaveProperty(field);
  });

  it('list --json tells whether each IPv6 socket is IPv6-only (v6Only), null for IPv4', async () => {
    const child = await startChild(V6_ONLY_SCRIPT);
    const ports = child.ready as Record<string, number>;
    const rows = JSON.parse((await cli('list', '--json', '--pid', String(child.pid))).stdout) as Array<Record<string, unknown>>;
    const v6Only = (name: string) => rows.find((row) => row.localPort === ports[name])?.v6Only;
    expect({ tcpOnly: v6Only('tcpOnly'), tcpDual: v6Only('tcpDual'), udpOnly: v6Only('udpOnly'), udpDual: v6Only('udpDual'), v4: v6Only('v4') }).toEqual({
      tcpOnly: true,
      tcpDual: false,
      udpOnly: true,
      udpDual: false,
      v4: null,
    });
  });

  it('list filters by protocol, port and listening state', async () => {
    const port = children.udp!.ready.port as number;
    const udp = JSON.parse((await cli('list', '--json', '--udp', '--port', String(port))).stdout) as Array<{ protocol: string }>;
    expect(udp.length).toBeGreaterThan(0);
    expect(udp.every((row) => row.protocol === 'udp')).toBe(true);
    const tcp = JSON.parse((await cli('list', '--json', '--tcp', '--port', String(port))).stdout) as unknown[];
    expect(tcp.filter((row) => (row as { pids: number[] }).pids.includes(children.udp!.pid))).toEqual([]);
    const listening = JSON.parse((await cli('list', '--json', '--listening')).stdout) as Array<{ state: string }>;
    expect(listening.every((row) => row.state === 'LISTEN' || row.state === 'UNCONN')).toBe(true);
  });

  it('list prints an aligned table with a header', async () => {
    const { code, stdout } = await cli('list', '--listening', '--tcp');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PROTO\s+LOCAL\s+REMOTE\s+STATE\s+SCOPE\s+PROCESS \(PID\)\s+USER\s+SENT\s+RECV$/);
    const mine = lines.find((line) => line.includes(`127.0.0.1:${children.v4!.ready.port} `));
    expect(mine).toContain(`node (${children.v4!.pid})`);
    // Columns line up: every row's STATE column starts where the header's does.
    const stateColumn = lines[0]!.indexOf('STATE');
    expect(mine!.slice(stateColumn, stateColumn + 6)).toBe('LISTEN');
  });

  it('who <port> names the owner with argv and cwd', async () => {
    const child = children.v4!;
    const { code, stdout, stderr } = await cli('who', String(child.ready.port), '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { owners: Array<{ process: Record<string, unknown>; sockets: unknown[] }> };
    expect(report.owners).toHaveLength(1);
    expect(report.owners[0]!.process).toMatchObject({ pid: child.pid, name: 'node', user: 'root', cwd: process.cwd() });
    expect(report.owners[0]!.process.argv).toEqual(expect.arrayContaining([process.execPath, '-e']));
    expect(report.owners[0]!.sockets).toHaveLength(1);
  });

  it('who address:port matches an IPv6 listener and a wildcard listener', async () => {
    expect((await cli('who', `[::1]:${children.v6!.ready.port}`)).code).toBe(0);
    const viaWildcard = await cli('who', `127.0.0.1:${children.all!.ready.port}`);
    expect(viaWildcard.code).toBe(0);
    expect(viaWildcard.stdout).toContain(`pid ${children.all!.pid}`);
    expect((await cli('who', `[::1]:${children.v4!.ready.port}`)).code).toBe(1);
    // A 0.0.0.0 socket takes IPv4 only; localhost reaches it through 127.0.0.1.
    expect((await cli('who', `[::1]:${children.all!.ready.port}`)).code).toBe(1);
    expect((await cli('who', `localhost:${children.all!.ready.port}`)).stdout).toContain(`pid ${children.all!.pid}`);
  });
});

describe('portlens exit codes', () => {
  it('who on a free port exits 1 with a one-line message', async () => {
    const port = await freePort();
    const { code, stdout, stderr } = await cli('who', String(port));
    expect(code).toBe(1);
    expect(stdout).toBe(`nothing listens on port ${port}\n`);
    expect(stderr).toBe('');
  });

  it.each([
    [['list', '--bogus']],
    [['list', '--port', '70000']],
    [['list', '--port', 'abc']],
    [['list', '--tcp', '--udp']],
    [['list', '--source', 'carrier-pigeon']],
    [['who']],
    [['who', 'host:port:extra']],
    [['who', 'no.such.host:80']],
    [['who', '[zz]:80']],
    [['who', '[127.0.0.1]:80']],
    [['who', '1', '2']],
    [['watch', '--interval', '5']],
    [['frobnicate']],
    [[]],
  ])('bad arguments %j exit 2 with usage on stderr', async (args) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });

  it('the installed command runs as a real process: exit codes and a quiet stderr', async () => {
    if (!existsSync(`${root}dist/node/cli.cjs`)) spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root });
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/portlens.cjs', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const server = await startListener();
    try {
      // list and who run from the CommonJS entry...
      const list = run('list', '--json');
      expect(list.status).toBe(0);
      expect(list.stderr).toBe('');
      const rows = JSON.parse(list.stdout) as { localPort: number; pids: number[] }[];
      expect(rows.find((row) => row.localPort === server.port)?.pids).toContain(process.pid);
      const who = run('who', String(server.port), '--json');
      expect(who.status).toBe(0);
      expect((JSON.parse(who.stdout) as { owners: { process: { pid: number } }[] }).owners.map((owner) => owner.process.pid)).toContain(process.pid);
    } finally {
      await server.close();
    }
    const bad = run('list', '--nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage:');
    // ...every other command from the ESM build it hands over to.
    const version = run('--version');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect([version.status, version.stdout.trim()]).toEqual([0, pkg.version]);
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
