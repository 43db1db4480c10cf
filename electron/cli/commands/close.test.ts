/** `portlens close` end to end, as root (CAP_NET_ADMIN), on a real child's connection. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNetAdmin } from '../../core/close/close-connection.js';
import { CLIENT, linesOf, until } from '../../core/close/test-support/connected-child.js';
import { historyDir, queryHistory } from '../../core/history/history-store.js';
import { startChild, stopAllChildren } from '../../test-support/children.js';
import { cli } from '../test-support/captured-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'portlens-close-cli-'));
let server: Server;
let serverPort: number;
const accepted: Socket[] = [];
beforeAll(async () => {
  process.env.PORTLENS_DATA_DIR = dataDir; // the history line goes here
  server = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as { port: number }).port;
});
afterAll(async () => {
  delete process.env.PORTLENS_DATA_DIR;
  await stopAllChildren();
  for (const socket of accepted) socket.destroy();
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('portlens close', () => {
  it('refuses usage it cannot read (exit 2)', async () => {
    expect((await cli('close', '3000', '127.0.0.1:80')).code).toBe(2);
  });

  it.skipIf(!hasNetAdmin())('--yes --json closes it; a connection that does not exist exits 1', async () => {
    const child = await startChild(CLIENT('127.0.0.1', serverPort));
    const lines = linesOf(child);
    const local = `127.0.0.1:${child.ready['port'] as number}`;
    const declined = await cli('close', local, `127.0.0.1:${serverPort}`, '--json');
    expect(declined.code).toBe(1);
    expect(JSON.parse(declined.stdout)).toMatchObject({ error: { code: 'refused' } });
    const closed = await cli('close', local, `127.0.0.1:${serverPort}`, '--yes', '--json');
    expect(closed.code).toBe(0);
    expect(JSON.parse(closed.stdout)).toEqual({ closed: { local, remote: `127.0.0.1:${serverPort}`, state: 'ESTABLISHED', pid: child.pid, process: 'node' } });
    await until(() => lines.some((line) => line.closed), 'the child to see the close');
    const history = queryHistory(historyDir(dataDir), { since: null, until: null, port: child.ready['port'] as number, pid: null, text: null, limit: 10 });
    expect(history.events).toMatchObject([{ type: 'close-connection', pid: child.pid, processName: 'node' }]);
    expect((await cli('close', local, `127.0.0.1:${serverPort}`, '--yes')).code).toBe(1);
  });

});
