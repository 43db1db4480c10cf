/**
 * Closing one real TCP connection (root: CAP_NET_ADMIN) of a real child process: the child
 * sees its connection aborted and keeps running; a stale cookie (the socket the user saw is
 * gone, the tuple reused) is refused and closes nothing; the contract's calls pin the row id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren } from '../../test-support/children.js';
import { CLIENT, linesOf, until } from './test-support/connected-child.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { ConnectionTarget } from '../../contract/api.js';
import { createBackend } from '../backend/create-backend.js';
import { closeConnection, hasNetAdmin, previewClose } from './close-connection.js';

const canClose = hasNetAdmin();

const dataDir = mkdtempSync(join(tmpdir(), 'portlens-close-'));
let server: Server;
let serverPort: number;
const accepted: Socket[] = [];
beforeAll(async () => {
  server = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  serverPort = (server.address() as { port: number }).port;
});
afterEach(stopAllChildren);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const socket of accepted) socket.destroy();
  server.close();
});

describe('what is never closed (refused before anything is sent)', () => {
  it("refuses PortLens's own connection (the guard), and a row without its socket cookie", async () => {
    const child = await startChild(CLIENT('127.0.0.1', serverPort));
    const lines = linesOf(child);
    const childPort = child.ready['port'] as number;
    // The server side of the connection belongs to this process: PortLens itself, to the guard.
    // (The server is on `::`, so that side reads as an IPv4-mapped address.)
    const serverSide = (await takeSnapshot()).sockets.find((r) => r.localPort === serverPort && r.remotePort === childPort);
    if (!serverSide?.remoteAddress) throw new Error('the server side of the connection is not listed');
    const own: ConnectionTarget = { localAddress: serverSide.localAddress, localPort: serverPort, remoteAddress: serverSide.remoteAddress, remotePort: childPort };
    const ownPreview = previewClose(own, await takeSnapshot(), true);
    expect(ownPreview.ok).toBe(true);
    expect(ownPreview.ok && ownPreview.value.refusal).toMatch(/is PortLens itself/);
    // The child's side, listed by a source with no cookie (its id is not `tcp#<cookie>`).
    const theirs: ConnectionTarget = { localAddress: '127.0.0.1', localPort: childPort, remoteAddress: '127.0.0.1', remotePort: serverPort };
    const preview = previewClose(theirs, await takeSnapshot(), true);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.refusal).toBe(null);
    const uncookied = { ...preview.value.row, id: `tcp|127.0.0.1|${childPort}|127.0.0.1|${serverPort}|0` };
    expect(previewClose(theirs, { ...(await takeSnapshot()), sockets: [uncookied] }, true)).toMatchObject({ ok: true, value: { refusal: expect.stringMatching(/without its socket cookie/) } });
    expect(closeConnection(uncookied)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    // On macOS and Windows (the same real row, previewed as there): no SOCK_DESTROY, said first.
    for (const platform of ['darwin', 'win32'] as const) {
      const elsewhere = previewClose(theirs, await takeSnapshot(), true, undefined, platform);
      expect(elsewhere.ok && elsewhere.value.refusal).toMatch(/^closing one connection is Linux-only/);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines).toEqual([]);
    expect(previewClose(theirs, await takeSnapshot(), true)).toMatchObject({ ok: true, value: { row: { state: 'ESTABLISHED' } } });
  });
});

describe.skipIf(!canClose)('close one connection (CAP_NET_ADMIN)', () => {
  it.each([
    ['IPv4', '127.0.0.1'],
    ['IPv6', '::1'],
  ])('%s: the owner sees it aborted and keeps running; the row is gone', async (_, host) => {
    const child = await startChild(CLIENT(host, serverPort));
    const lines = linesOf(child);
    const target: ConnectionTarget = { localAddress: host, localPort: child.ready['port'] as number, remoteAddress: host, remotePort: serverPort };
    const preview = previewClose(target, await takeSnapshot());
    expect(preview.ok && preview.value.owner?.pid).toBe(child.pid);
    expect(preview.ok && preview.value.refusal).toBe(null);
    expect(closeConnection(preview.ok ? preview.value.row : (null as never))).toEqual({ ok: true, value: { closed: true } });
    await until(() => lines.some((line) => line.closed), 'the child to see the close');
    expect(lines.find((line) => line.error)?.error).toBe('ECONNABORTED');
    expect(child.process.exitCode).toBe(null); // the process lives on
    const after = previewClose(target, await takeSnapshot());
    expect(after.ok && after.value.row.state === 'ESTABLISHED').toBe(false);
  });

  it('a stale cookie (not the socket the user saw) is refused and closes nothing', async () => {
    const child = await startChild(CLIENT('127.0.0.1', serverPort));
    const lines = linesOf(child);
    const target: ConnectionTarget = { localAddress: '127.0.0.1', localPort: child.ready['port'] as number, remoteAddress: '127.0.0.1', remotePort: serverPort };
    const preview = previewClose(target, await takeSnapshot());
    if (!preview.ok) throw new Error(preview.error.message);
    const stale = { ...preview.value.row, id: `tcp#${BigInt(preview.value.row.id.slice(4)) + 999_999n}` };
    expect(closeConnection(stale)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines).toEqual([]);
    expect(previewClose(target, await takeSnapshot())).toMatchObject({ ok: true, value: { row: { state: 'ESTABLISHED' } } });
  });

  it('through the contract: closePreview, then closeConnection of that row id only', async () => {
    const child = await startChild(CLIENT('127.0.0.1', serverPort));
    const lines = linesOf(child);
    const backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 1000, recordHistory: false });
    try {
      const target = ConnectionTarget.parse({ localAddress: '127.0.0.1', localPort: child.ready['port'], remoteAddress: '127.0.0.1', remotePort: serverPort });
      const preview = await backend.call('closePreview', target);
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value.owner?.pid).toBe(child.pid);
      expect(await backend.call('closeConnection', { target, rowId: 'tcp#1' })).toMatchObject({ ok: false, error: { code: 'stale-identity' } });
      expect(lines).toEqual([]);
      expect(await backend.call('closeConnection', { target, rowId: preview.value.row.id })).toEqual({ ok: true, value: { closed: true } });
      await until(() => lines.some((line) => line.closed), 'the child to see the close');
      expect(ConnectionTarget.safeParse({ ...target, localAddress: 'example.com' }).success).toBe(false);
    } finally {
      await backend.close();
    }
  });
});
