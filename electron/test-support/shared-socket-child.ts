/**
 * Test support (not shipped): a child whose TCP connection is held by two processes, the child
 * and a grandchild that inherited the fd (as after fork), so a socket has two owners. The
 * grandchild exits when the child does (its stdin, a pipe from the child, closes).
 */
import { startChild, type Child } from './children.js';

const SCRIPT = String.raw`
const net = require('node:net');
const { spawn } = require('node:child_process');
const server = net.createServer((s) => s.resume());
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1', () => {
    const holder = spawn(process.execPath, ['-e', 'process.stdin.resume(); process.stdin.on("end", () => process.exit(0)); console.log("up")'], {
      stdio: ['pipe', 'pipe', 'inherit', client],
    });
    holder.stdout.once('data', () => console.log(JSON.stringify({
      holder: holder.pid, listenPort: server.address().port, clientPort: client.localPort,
    })));
  });
});
`;

/** The running child: its listener's port and the shared connection's local port. */
export interface SharedSocketChild {
  child: Child;
  /** The grandchild that holds the connection too. */
  holderPid: number;
  listenPort: number;
  /** Local port of the connection both processes hold. */
  clientPort: number;
}

/** Starts the child and waits until the grandchild holds the connection. */
export async function startSharedSocketChild(): Promise<SharedSocketChild> {
  const child = await startChild(SCRIPT);
  const { holder, listenPort, clientPort } = child.ready as { holder: number; listenPort: number; clientPort: number };
  return { child, holderPid: holder, listenPort, clientPort };
}
