// A steady upload to a real HTTP server, for the tests that need traffic on a connection.
import { Agent, request } from 'node:http';

/** POSTs 100 KB every 100 ms over one keep-alive connection (~1 MiB/s in, a short answer out); returns stop. */
export function upload(port: number): () => void {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.alloc(100 * 1024, 120);
  const timer = setInterval(() => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent }, (res) => res.resume());
    req.on('error', () => {});
    req.end(body);
  }, 100);
  return () => {
    clearInterval(timer);
    agent.destroy();
  };
}
