// The service probe on real loopback servers: a silent server on a raw-input port (JetDirect
// 9100) receives nothing at all; a silent server elsewhere gets one harmless HTTP GET.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceProbe } from './service-probe.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server on 127.0.0.1:port that never speaks and records every byte it receives. */
async function silentRecorder(port: number): Promise<{ port: number; received: Buffer[] } | null> {
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => {});
  });
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!bound) return null;
  servers.push(server);
  return { port: (server.address() as { port: number }).port, received };
}

describe('serviceProbe (real loopback servers)', () => {
  it('sends nothing to a silent raw-printing port (9100), and says why', async (context) => {
    const printer = await silentRecorder(9100);
    context.skip(printer === null, '127.0.0.1:9100 is taken or cannot be bound here (binding it needs no privilege; something else holds it)');
    const probe = await serviceProbe('127.0.0.1', printer!.port, 1000, null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Buffer.concat(printer!.received).length).toBe(0);
    expect(probe.detail).toMatch(/nothing sent/);
  });

  it('asks a silent server elsewhere with one HTTP GET, and reports that it is not HTTP', async () => {
    const silent = await silentRecorder(0);
    const probe = await serviceProbe('127.0.0.1', silent!.port, 1200, null);
    expect(Buffer.concat(silent!.received).toString('latin1')).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    expect(probe.http).toBe(null);
  });
});
