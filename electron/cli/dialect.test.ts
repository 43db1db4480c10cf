/**
 * The CLI's vocabulary as a real process prints it (bin/portlens.cjs), against real sockets:
 * state and protocol names, kernel-owned sockets, user names, one-line commands and colour.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren } from '../test-support/children.js';
import { runCli } from './run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function portlens(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(`${root}dist/node/cli.cjs`)) spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root });
  const env = { ...process.env };
  delete env.NO_COLOR;
  return spawnSync(process.execPath, ['bin/portlens.cjs', ...args], { cwd: root, encoding: 'utf8', env });
}

/** Waits until `socket` has connected. */
const connected = (socket: Socket): Promise<void> => new Promise((resolve) => socket.once('connect', () => resolve()));

describe('the CLI dialect (real process, real sockets)', () => {
  let server: Server;
  let port = 0;
  const held: Socket[] = [];

  beforeAll(async () => {
    // The server keeps the first connection half-open and answers the second's close with its own:
    // the first client is left in FIN-WAIT-2, the second in TIME-WAIT, both closed by their
    // process, so the kernel owns them (inode 0).
    let accepted = 0;
    server = createServer({ allowHalfOpen: true }, (socket) => {
      held.push(socket);
      const mine = ++accepted;
      socket.on('end', () => {
        if (mine === 2) socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    for (let i = 0; i < 2; i++) {
      const client = connect(port, '127.0.0.1');
      await connected(client);
      await new Promise((resolve) => setTimeout(resolve, 50)); // accepted, in order
      client.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      client.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await stopAllChildren();
  });

  it('list names states and protocols as the app does, and the kernel as the owner of closed sockets', () => {
    const { status, stdout, stderr } = portlens('list', '--port', String(port));
    expect([status, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PROTO\s+LOCAL\s+REMOTE\s+STATE\s+SCOPE\s+PROCESS \(PID\)\s+USER\s+SENT\s+RECV$/);
    expect(stdout).not.toMatch(/TIME_WAIT|FIN_WAIT|tcp6?\s/);
    const timeWait = lines.find((line) => line.includes('TIME-WAIT'));
    expect(timeWait).toMatch(/^TCP v4\s+127\.0\.0\.1:\d+\s+127\.0\.0\.1:\d+\s+TIME-WAIT\s+loopback\s+\(kernel\)\s+-\s/);
    // An orphaned FIN-WAIT-2 socket keeps its uid: shown by name, not as a number.
    const finWait = lines.find((line) => line.includes('FIN-WAIT-2'));
    expect(finWait).toMatch(new RegExp(`\\s\\(kernel\\)\\s+${userInfo().username}\\s`));
    expect(lines.find((line) => line.includes('LISTEN'))).toContain(`node (${process.pid})`);
  });

  it('kill refuses a port whose only socket the kernel owns (TIME-WAIT): nothing to end', () => {
    const rows = JSON.parse(portlens('list', '--json', '--port', String(port)).stdout) as { state: string; localPort: number; pids: number[] }[];
    const timeWait = rows.find((row) => row.state === 'TIME_WAIT' && row.localPort !== port);
    expect(timeWait?.pids).toEqual([]);
    // No --yes: even a mistake could only preview, never signal.
    const { status, stderr } = portlens('kill', String(timeWait?.localPort));
    expect(status).toBe(1);
    expect(stderr).toBe(`portlens: nothing listens on port ${timeWait?.localPort}\n`);
  });

  it('who shows a multi-line command on one line, with escapes, and dates as YYYY-MM-DD HH:MM:SS', async () => {
    const child = await startChild(
      `const s = require('net').createServer(() => {});\ns.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: s.address().port })));`,
    );
    const { status, stdout } = portlens('who', String(child.ready.port));
    expect(status).toBe(0);
    const command = stdout.split('\n').find((line) => line.startsWith('  command  '));
    expect(command).toContain(`$'const s = require(\\'net\\').createServer(() => {});\\ns.listen(`);
    expect(stdout).toMatch(/\n {2}started {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n/);
    expect(stdout).toMatch(/\n {2}socket {3}TCP v4 127\.0\.0\.1:\d+ LISTEN\n/);
  });

  it('colours states and scope on a terminal, and --no-color turns it off', async () => {
    const run = async (...args: string[]): Promise<string> => {
      const stdout = new PassThrough();
      let out = '';
      stdout.on('data', (chunk) => (out += chunk));
      await runCli(args, { stdout, stderr: new PassThrough(), stdin: new PassThrough(), interactive: false, color: true });
      return out;
    };
    // Escape codes shown as text, so the patterns read plainly.
    const coloured = (await run('list', '--port', String(port))).replaceAll('\x1b', 'ESC');
    expect(coloured).toMatch(/ESC\[32mLISTEN\s*ESC\[0m/);
    expect(coloured).toMatch(/ESC\[36mloopbackESC\[0m/);
    expect(coloured).toMatch(/ESC\[2mTIME-WAIT/);
    expect(await run('list', '--port', String(port), '--no-color')).not.toContain('\x1b[');
    // A pipe is no terminal: the real process prints no colour.
    expect(portlens('list', '--port', String(port)).stdout).not.toContain('\x1b[');
  });

  it('list --wide prints RECV-Q and SEND-Q: a listener that stopped accepting shows its full accept queue', async () => {
    // Listens with a backlog of 3, then blocks its event loop: connections wait in the queue.
    const stuck = await startChild(
      `const s = require('net').createServer(() => {});
s.listen({ port: 0, host: '127.0.0.1', backlog: 3 }, () => {
  console.log(JSON.stringify({ port: s.address().port }));
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000), 100);
});`,
    );
    const stuckPort = stuck.ready.port as number;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const clients = [connect(stuckPort, '127.0.0.1'), connect(stuckPort, '127.0.0.1')];
    try {
      await Promise.all(clients.map(connected));
      const { status, stdout } = portlens('list', '--wide', '--listening', '--port', String(stuckPort));
      expect(status).toBe(0);
      const [header, listener] = stdout.trimEnd().split('\n');
      expect(header).toMatch(/\sRECV\s+RECV-Q\s+SEND-Q$/);
      expect(listener).toMatch(new RegExp(`^TCP v4\\s+127\\.0\\.0\\.1:${stuckPort}\\s.*\\sLISTEN\\s.*\\s2\\s+3$`));
    } finally {
      for (const client of clients) client.destroy();
      await stuck.stop();
    }
  });
});
