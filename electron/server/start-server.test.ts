// Security of the browser-mode server against a real listener with real HTTP and WebSocket
// clients. These use a stub Backend (the calls are beside the point here); the calls and the
// stream are exercised on the real backend in round-trip.test.ts.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Snapshot, SocketRow } from '../contract/model.js';
import { pageSubprotocols } from '../contract/wire/ws-frames.js';
import { WS_STREAM_PROTOCOL } from '../contract/wire/ws-protocol.js';
import { SPLIT_FROM_ROWS } from './snapshot-frames.js';
import { makeDelta, makeProcess, makeRow, makeSnapshot } from '../contract/testing/factories.js';
import { withoutTools } from '../test-support/system-tools.js';
import { startServer, type RunningServer } from './start-server.js';
import {
  TEST_META_CSP,
  connectClient,
  httpGet,
  makeStaticDir,
  pageHeaders,
  replyTo,
  streamOf,
  stubBackend,
  upgradeStatus,
} from './test-helpers.js';

/** A snapshot of `listening` listeners and `connected` connections to them, owned by one process. */
function bigSnapshot(seq: number, listening: number, connected: number): Snapshot {
  const row = (id: string, state: SocketRow['state'], localPort: number, remotePort: number | null): SocketRow =>
    makeRow({
      id,
      localPort,
      remoteAddress: remotePort === null ? null : '127.0.0.1',
      remotePort,
      state,
      pids: [4242],
      inode: localPort * 7 + (remotePort ?? 0),
      bytesSent: remotePort === null ? null : remotePort,
    });
  const sockets: SocketRow[] = [];
  // Connections first and listeners last, as the kernel may list them: the split must find them.
  for (let i = 0; i < connected; i++) sockets.push(row(`tcp#c${i}`, 'ESTABLISHED', 3000 + (i % listening), 40_000 + i));
  for (let i = 0; i < listening; i++) sockets.push(row(`tcp#l${i}`, 'LISTEN', 3000 + i, null));
  const owner = makeProcess({ pid: 4242, startTime: 1, startedAt: 1, name: 'server', exe: null, cwd: null });
  return makeSnapshot(seq, sockets, [owner], { time: seq });
}

describe('browser-mode server security (stub backend)', () => {
  const dirs = makeStaticDir();
  const backend = stubBackend();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      backend,
      staticDir: dirs.staticDir,
      // A snapshot's rest goes when asked for here (the last test of the file sends it unasked).
      sessionLimits: { burstMessages: 40, messagesPerSecond: 1, restUnaskedMs: 120_000 },
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it('its URL carries the token in the fragment (stub backend)', () => {
    // The fragment never travels in a request or a Referer.
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it.skipIf(withoutTools('ss'))('listens on 127.0.0.1 only (stub backend)', () => {
    const listeners = execFileSync('ss', ['-Hltn', `sport = :${server.port}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[3]);
    expect(listeners).toEqual([`127.0.0.1:${server.port}`]);
  });

  it('serves the page and its code without a token, and never sets a cookie (stub backend)', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', `/?token=${server.token}`]) {
      const reply = await httpGet(server.port, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['set-cookie'], path).toBeUndefined();
      expect(reply.body, path).not.toContain(server.token);
    }
  });

  it('ignores cookies: a tossed token cookie neither admits nor locks out (stub backend)', async () => {
    // What another 127.0.0.1 port can plant in the browser's cookie jar for this host.
    const tossed = { Cookie: `portlens_token_${server.port}=nope; portlens_token=${server.token}` };
    expect((await httpGet(server.port, '/assets/app.js', tossed)).status).toBe(200);
    expect((await httpGet(server.port, '/session', tossed)).status).toBe(401);
    const url = `ws://127.0.0.1:${server.port}/ws`;
    expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${server.port}`, ...tossed })).toBe(401);
  });

  it('answers /session 204 for the bearer token only, scheme in any case (stub backend)', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'BeArEr']) {
      expect((await httpGet(server.port, '/session', { Authorization: `${scheme} ${server.token}` })).status, scheme).toBe(204);
    }
    for (const authorization of [`Bearer ${server.token.slice(0, -1)}`, `Basic ${server.token}`, `Bearer${server.token}`, server.token, 'Bearer ']) {
      const reply = await httpGet(server.port, '/session', { Authorization: authorization });
      expect(reply.status, authorization).toBe(401);
      expect(reply.body).toMatch(/Unauthorized/);
    }
    expect((await httpGet(server.port, '/session')).status).toBe(401);
    expect((await httpGet(server.port, `/session?token=${server.token}`)).status).toBe(401);
  });

  it('answers headers over the limit with 431, and keeps serving (stub backend)', async () => {
    const { connect } = await import('node:net');
    const huge = 'a'.repeat(2 * 1024 * 1024);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Big: ${huge}\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(text) : reject(error)));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    // A full cookie jar (180 cookies of 4 KiB, Chromium's limit) is still read.
    const jar = Array.from({ length: 180 }, (_, i) => `c${i}=${'x'.repeat(4000)}`).join('; ');
    expect((await httpGet(server.port, '/', { Cookie: jar })).status).toBe(200);
  });

  it('serves files with their content type and security headers (stub backend)', async () => {
    const page = await httpGet(server.port, '/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const csp = String(page.headers['content-security-policy']);
    // Mirrors the page's own policy, narrowed to our WebSocket origin, plus frame-ancestors.
    for (const directive of TEST_META_CSP.split('; ').filter((d) => !d.startsWith('connect-src'))) expect(csp).toContain(directive);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).not.toContain(':*');
    expect(csp).toContain("frame-ancestors 'none'");

    const script = await httpGet(server.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await httpGet(server.port, '/missing.js')).status).toBe(404);
    expect((await httpGet(server.port, '/', {}, 'POST')).status).toBe(405);
  });

  it('serves the build it loaded at start, even if the directory changes under it (stub backend)', async () => {
    writeFileSync(join(dirs.staticDir, 'assets', 'app.js'), 'console.log("rebuilt");\n');
    writeFileSync(join(dirs.staticDir, 'assets', 'new.js'), 'console.log("new");\n');
    expect((await httpGet(server.port, '/assets/app.js')).body).toContain('"app"');
    expect((await httpGet(server.port, '/assets/new.js')).status).toBe(404);
  });

  it('refuses a Host that is not our loopback name and port (DNS rebinding) (stub backend)', async () => {
    for (const host of ['evil.example:' + server.port, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `portlens.local:${server.port}`]) {
      const reply = await httpGet(server.port, '/', { Host: host });
      expect(reply.status, host).toBe(403);
      expect(reply.body).not.toContain('PortLens test page');
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await httpGet(server.port, '/', { Host: host })).status, host).toBe(200);
    }
  });

  it('never serves a file outside the static directory (stub backend)', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
      '/assets/',
      '/assets/link.txt',
      '/assets',
      '//etc/passwd',
    ];
    for (const path of attempts) {
      const reply = await httpGet(server.port, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('TOP SECRET');
    }
  });

  it('answers a malformed upgrade request with 400 and keeps serving (stub backend)', async () => {
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await httpGet(server.port, '/')).status).toBe(200);
  });

  it('refuses WebSocket upgrades without a token, from another Origin or Host (stub backend)', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const ours = pageHeaders(server.port, server.token);
    const origin = { Origin: ours.Origin as string };
    expect(await upgradeStatus(url, ours)).toBe(101);
    expect(await upgradeStatus(url, { ...ours, Authorization: `bearer ${server.token}` })).toBe(101);
    // A page proves the token as a subprotocol (it cannot set headers).
    expect(await upgradeStatus(url, origin, pageSubprotocols(server.token))).toBe(101);
    expect(await upgradeStatus(url, origin)).toBe(401);
    expect(await upgradeStatus(url, origin, pageSubprotocols('wrong'))).toBe(401);
    expect(await upgradeStatus(url, origin, [WS_STREAM_PROTOCOL, `portlens.token.${server.token}x`])).toBe(401);
    expect(await upgradeStatus(url, { ...ours, Authorization: 'Bearer wrong' })).toBe(401);
    // The old ways in are closed: the query and the cookie.
    expect(await upgradeStatus(`${url}?token=${server.token}`, origin)).toBe(401);
    expect(await upgradeStatus(url, { ...origin, Cookie: `portlens_token_${server.port}=${server.token}` })).toBe(401);
    expect(await upgradeStatus(url, { ...ours, Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { ...ours, Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(url, { Authorization: ours.Authorization as string })).toBe(403); // no Origin at all
    expect(await upgradeStatus(url, { ...ours, Host: `evil.example:${server.port}` })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other`, ours)).toBe(404);
  });

  it('selects the stream subprotocol, never echoing the token one (stub backend)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, pageSubprotocols(server.token), {
      headers: { Origin: `http://127.0.0.1:${server.port}` },
    });
    try {
      const selected = await new Promise<string>((resolve, reject) => {
        ws.on('upgrade', (response) => resolve(String(response.headers['sec-websocket-protocol'])));
        ws.on('error', reject);
      });
      expect(selected).toBe(WS_STREAM_PROTOCOL);
      expect(ws.protocol).toBe(WS_STREAM_PROTOCOL);
    } finally {
      ws.terminate();
    }
  });

  it('answers invalid frames with typed errors and stays usable (stub backend)', async () => {
    const client = await connectClient(server.port, server.token);
    try {
      client.ws.send('not json');
      expect(await client.next(replyTo(null))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
      client.ws.send(Buffer.from([1, 2, 3]));
      expect(await client.next(replyTo(null))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request', message: /binary/ } } });
      client.sendJson({ id: 7, call: 'noSuchCall', request: {} });
      expect(await client.next(replyTo(7))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request', message: /unknown call/ } } });
      client.sendJson({ id: 8, call: 'getProcess', request: { pid: -1 } });
      expect(await client.next(replyTo(8))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request', message: /pid/ } } });
      client.sendJson({ id: 9, call: 'getSnapshot', request: { extra: true } });
      expect(await client.next(replyTo(9))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
      client.sendJson({ id: 'ten', call: 'getSnapshot' });
      expect(await client.next(replyTo(null))).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
      client.sendJson({ id: 11, call: 'openExternal', request: { url: 'http://127.0.0.1:1/' } });
      expect(await client.next(replyTo(11))).toMatchObject({ result: { ok: false, error: { code: 'unsupported' } } });
      // Still usable: a valid call and the stream work on the same connection.
      client.sendJson({ id: 12, call: 'getSnapshot', request: {} });
      expect(await client.next(replyTo(12))).toMatchObject({ result: { ok: true, value: { seq: 0 } } });
      client.sendJson({ type: 'subscribe' });
      await client.next(streamOf('snapshot'));
    } finally {
      await client.close();
    }
  });

  it('closes a client that sends an oversized frame, and only that client (stub backend)', async () => {
    const bystander = await connectClient(server.port, server.token);
    const offender = await connectClient(server.port, server.token);
    try {
      const closed = new Promise<number>((resolve) => offender.ws.once('close', (code) => resolve(code)));
      offender.sendJson({ id: 1, call: 'getSnapshot', request: { pad: 'x'.repeat(100_000) } });
      expect(await closed).toBe(1009);
      bystander.sendJson({ id: 2, call: 'getSnapshot', request: {} });
      expect(await bystander.next(replyTo(2))).toMatchObject({ result: { ok: true } });
    } finally {
      await offender.close();
      await bystander.close();
    }
  });

  it('refuses a flood beyond the rate limit with typed errors, without closing (stub backend)', async () => {
    const client = await connectClient(server.port, server.token);
    try {
      for (let id = 1; id <= 60; id++) client.sendJson({ id, call: 'getSnapshot', request: {} });
      const refused = await client.next((m) => 'id' in m && !m.result.ok && m.result.error.code === 'refused');
      expect(refused).toMatchObject({ result: { error: { message: /too many/ } } });
      expect(client.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      await client.close();
    }
  });

  it('streams, packed, from the moment a socket opens with the stream protocol (stub backend)', async () => {
    // A page request leaves no listener behind.
    expect((await httpGet(server.port, '/')).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(backend.listeners).toBe(0);
    const client = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    try {
      expect(client.ws.protocol).toBe(WS_STREAM_PROTOCOL);
      const snapshot = await client.next(streamOf('snapshot'));
      expect(snapshot.stream.snapshot).toEqual({ time: 0, seq: 0, source: 'ss', sockets: [], processes: {}, hiddenOwners: 0, warnings: [] });
      const delta = (seq: number, changed: { id: string; sendRate: number }[]) =>
        backend.push({ type: 'delta', delta: makeDelta(seq, { source: 'ss', removed: ['tcp#1'], changed }) });
      const many = Array.from({ length: 40 }, (_, i) => ({ id: `tcp#${100 + i}`, sendRate: i }));
      delta(1, [{ id: 'tcp#2', sendRate: 5 }]);
      delta(2, many);
      const small = await client.next((m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.seq === 1);
      const big = await client.next((m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.seq === 2);
      expect(big).toMatchObject({ stream: { delta: { removed: ['tcp#1'], changed: many } } });
      // The snapshot and a delta of many rows come packed; a delta of a few rows comes plain.
      const forms = [snapshot, small, big].map((message) => client.forms[client.messages.indexOf(message)]);
      expect(forms).toEqual(['packed', 'stream', 'packed']);
    } finally {
      await client.close();
    }
  });

  it('sends a big snapshot to a packed subscriber in two parts, its listening sockets first, the rest when asked (stub backend)', async () => {
    const client = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    try {
      await client.next(streamOf('snapshot'));
      const snapshot = bigSnapshot(7, 12, SPLIT_FROM_ROWS + 500);
      backend.push({ type: 'snapshot', snapshot });
      // Pushed before the rest went: it must wait for the rest.
      backend.push({ type: 'delta', delta: makeDelta(8) });
      const first = await client.next(streamOf('snapshot'));
      // Nothing follows the first part until the client asks (a call's reply still does).
      client.sendJson({ id: 70, call: 'getSettings', request: {} });
      await client.next(replyTo(70));
      expect(client.messages.at(-2)).toBe(first);
      client.sendJson({ type: 'snapshot-rest' });
      const rest = await client.next(streamOf('snapshot-rest'));
      const after = await client.next(streamOf('delta'));
      const order = [first, rest, after].map((message) => client.messages.indexOf(message));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(first.stream.rest).toBe(SPLIT_FROM_ROWS + 500);
      expect(first.stream.snapshot.sockets.map((row) => row.state)).toEqual(Array(12).fill('LISTEN'));
      expect(first.stream.snapshot.processes).toEqual(snapshot.processes);
      expect(rest.stream).toMatchObject({ seq: 7, rest: 0 });
      expect(client.forms[client.messages.indexOf(rest)]).toBe('packed');
      const rows = [...first.stream.snapshot.sockets, ...rest.stream.sockets];
      expect(rows.toSorted((a, b) => a.id.localeCompare(b.id))).toEqual(
        snapshot.sockets.toSorted((a, b) => a.id.localeCompare(b.id)),
      );
      expect(after.stream.delta.seq).toBe(8);
    } finally {
      await client.close();
    }
  });

  it('never sends the rest of a snapshot that a newer one replaced before it was packed (stub backend)', async () => {
    const client = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    try {
      await client.next(streamOf('snapshot'));
      backend.push({ type: 'snapshot', snapshot: bigSnapshot(20, 3, SPLIT_FROM_ROWS) });
      backend.push({ type: 'snapshot', snapshot: bigSnapshot(21, 4, SPLIT_FROM_ROWS + 1) });
      client.sendJson({ type: 'snapshot-rest' });
      const rest = await client.next(streamOf('snapshot-rest'));
      expect(rest.stream).toMatchObject({ seq: 21, rest: 0 });
      expect(rest.stream.sockets).toHaveLength(SPLIT_FROM_ROWS + 1);
      const heads = client.messages.filter((m) => 'stream' in m && m.stream.type === 'snapshot').slice(1);
      expect(heads.map((m) => ('stream' in m && m.stream.type === 'snapshot' ? m.stream.rest : null))).toEqual([
        SPLIT_FROM_ROWS,
        SPLIT_FROM_ROWS + 1,
      ]);
      // Nothing of snapshot 20's rest comes after that of 21.
      backend.push({ type: 'delta', delta: makeDelta(22) });
      await client.next(streamOf('delta'));
      expect(client.messages.filter((m) => 'stream' in m && m.stream.type === 'snapshot-rest')).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('sends a small snapshot, and any snapshot to a plain subscriber, whole (stub backend)', async () => {
    const packed = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    const plain = await connectClient(server.port, server.token);
    try {
      plain.sendJson({ type: 'subscribe' });
      await packed.next(streamOf('snapshot'));
      await plain.next(streamOf('snapshot'));
      const small = bigSnapshot(30, 5, SPLIT_FROM_ROWS - 1);
      backend.push({ type: 'snapshot', snapshot: small });
      const whole = await packed.next(streamOf('snapshot'));
      expect(whole.stream.rest).toBeUndefined();
      expect(whole.stream.snapshot).toEqual(small);
      const big = bigSnapshot(31, 5, SPLIT_FROM_ROWS + 10);
      backend.push({ type: 'snapshot', snapshot: big });
      await plain.next((m) => 'stream' in m && m.stream.type === 'snapshot' && m.stream.snapshot.seq === 31);
      const plainSnapshots = plain.messages.filter((m) => 'stream' in m && m.stream.type === 'snapshot');
      expect(plainSnapshots.at(-1)).toEqual({ stream: { type: 'snapshot', snapshot: big } });
      expect(plain.forms.at(-1)).toBe('stream');
    } finally {
      await packed.close();
      await plain.close();
    }
  });

  it('refuses a socket that asks only for a protocol it does not speak (stub backend)', async () => {
    await expect(connectClient(server.port, server.token, ['chat'])).rejects.toThrow(/protocol/i);
  });

  it('stops streaming to a client that unsubscribes or disconnects (stub backend)', async () => {
    const client = await connectClient(server.port, server.token);
    client.sendJson({ type: 'subscribe' });
    await client.next(streamOf('snapshot'));
    expect(backend.listeners).toBe(1);
    client.sendJson({ type: 'unsubscribe' });
    client.sendJson({ id: 1, call: 'getSettings', request: {} });
    await client.next(replyTo(1));
    expect(backend.listeners).toBe(0);
    client.sendJson({ type: 'subscribe' });
    await client.next(streamOf('snapshot'));
    await client.close();
    await expect.poll(() => backend.listeners).toBe(0);
  });
});

describe('browser-mode server, a client that never asks for the rest (stub backend)', () => {
  const dirs = makeStaticDir();
  const backend = stubBackend();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ backend, staticDir: dirs.staticDir, sessionLimits: { restUnaskedMs: 200 } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it('gets the rest of a snapshot anyway, and then what followed it (stub backend)', async () => {
    const client = await connectClient(server.port, server.token, [WS_STREAM_PROTOCOL]);
    try {
      await client.next(streamOf('snapshot'));
      backend.push({ type: 'snapshot', snapshot: bigSnapshot(40, 2, SPLIT_FROM_ROWS + 3) });
      backend.push({ type: 'delta', delta: makeDelta(41) });
      const rest = await client.next(streamOf('snapshot-rest'));
      expect(rest.stream).toMatchObject({ seq: 40, rest: 0 });
      expect(rest.stream.sockets).toHaveLength(SPLIT_FROM_ROWS + 3);
      const after = await client.next(streamOf('delta'));
      expect(after.stream.delta.seq).toBe(41);
    } finally {
      await client.close();
    }
  });
});

describe('browser-mode server backpressure (stub backend)', () => {
  const dirs = makeStaticDir();
  const backend = stubBackend();
  let server: RunningServer;
  const notes: string[] = [];

  beforeAll(async () => {
    server = await startServer({
      backend,
      staticDir: dirs.staticDir,
      sessionLimits: { highWaterBytes: 64 * 1024, lowWaterBytes: 1024 },
      log: (line) => notes.push(line),
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it('drops deltas for a client that does not read, then resyncs it with a snapshot (stub backend)', async () => {
    const client = await connectClient(server.port, server.token);
    try {
      client.sendJson({ type: 'subscribe' });
      await client.next(streamOf('snapshot'));
      // Stop reading: the kernel buffers fill, then ws's own buffer grows.
      client.ws.pause();
      const big = 'x'.repeat(16 * 1024);
      for (let seq = 1; seq <= 2000 && !notes.some((n) => n.includes('too slowly')); seq++) {
        backend.push({ type: 'delta', delta: { time: seq, seq, source: 'ss', added: [], removed: [], changed: [], processesUpserted: [], processesRemoved: [], hiddenOwners: 0, warnings: [big], events: [] } });
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(notes.some((n) => n.includes('too slowly'))).toBe(true);
      const pushedWhileLagging = 50;
      for (let i = 0; i < pushedWhileLagging; i++) {
        backend.push({ type: 'delta', delta: { time: 0, seq: 100_000 + i, source: 'ss', added: [], removed: [], changed: [], processesUpserted: [], processesRemoved: [], hiddenOwners: 0, warnings: [], events: [] } });
      }
      client.ws.resume();
      // After the backlog, a fresh snapshot arrives, and the deltas pushed while lagging never do.
      await client.next(streamOf('snapshot'));
      expect(client.messages.some((m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.seq >= 100_000)).toBe(false);
      await expect.poll(() => notes.some((n) => n.includes('caught up'))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('does not count a snapshot larger than the high-water mark as lagging by itself (stub backend)', async () => {
    notes.length = 0;
    const client = await connectClient(server.port, server.token);
    try {
      client.sendJson({ type: 'subscribe' });
      await client.next(streamOf('snapshot'));
      // Not reading while an 8 MB snapshot goes out: far more than the kernel buffers take.
      client.ws.pause();
      const warnings = Array.from({ length: 8 }, () => 'w'.repeat(1024 * 1024));
      backend.push({ type: 'snapshot', snapshot: { time: 1, seq: 500, source: 'ss', sockets: [], processes: {}, hiddenOwners: 0, warnings } });
      backend.push({ type: 'delta', delta: { time: 2, seq: 501, source: 'ss', added: [], removed: [], changed: [], processesUpserted: [], processesRemoved: [], hiddenOwners: 0, warnings: [], events: [] } });
      client.ws.resume();
      // The delta right behind it is delivered, not dropped for a resync.
      await client.next((m) => 'stream' in m && m.stream.type === 'delta' && m.stream.delta.seq === 501);
      expect(notes.some((n) => n.includes('too slowly'))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
