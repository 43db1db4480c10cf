/**
 * Helpers for the server's tests: a static directory, raw HTTP requests with chosen headers,
 * WebSocket clients with chosen headers, and a stub Backend for the security tests (the
 * round-trip tests use the real one).
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Backend } from '../core/backend/backend.js';
import type { Snapshot, StreamMessage } from '../contract/index.js';
import { unpackStreamMessage } from '../contract/wire/packed-stream.js';
import { WsServerMessage, type WsReplyMessage, type WsStreamMessage } from '../contract/wire/ws-protocol.js';

/** A server frame as the tests see it: a packed one is unpacked into the plain form. */
type ServerMessage = WsReplyMessage | WsStreamMessage;

/** The CSP the test index.html declares (shaped like renderer/index.html's). */
export const TEST_META_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'";

/**
 * A temp tree: `<dir>/static` holds index.html and assets/app.js; `<dir>/secret.txt` sits
 * beside it, outside, for the traversal tests.
 */
export function makeStaticDir(): { root: string; staticDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'portlens-server-'));
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(
    join(staticDir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${TEST_META_CSP}" /></head><body>PortLens test page</body></html>`,
  );
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET\n');
  // A link out of the directory: must never be followed.
  symlinkSync(join(root, 'secret.txt'), join(staticDir, 'assets', 'link.txt'));
  return { root, staticDir };
}

/** A response: status, headers, body text. */
export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends one raw request to 127.0.0.1:port; `path` is sent exactly as given (no normalising). */
export function httpGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Headers a client of our own origin sends on the WebSocket upgrade; it proves the token with
 * `Authorization: Bearer` (a browser page, which cannot set headers, offers it as a subprotocol).
 */
export function pageHeaders(port: number, token: string): Record<string, string> {
  return { Origin: `http://127.0.0.1:${port}`, Authorization: `Bearer ${token}` };
}

/** Tries a WebSocket upgrade; resolves with the HTTP status of a refusal, or 101 when it opened. */
export function upgradeStatus(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** A connected WebSocket client that collects validated server messages. */
export interface TestClient {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Which form each message came in (same order as `messages`). */
  forms: ('reply' | 'stream' | 'packed')[];
  /** Resolves with the first message (already received or coming) that passes `match`. */
  next<T extends ServerMessage>(match: (message: ServerMessage) => message is T, timeoutMs?: number): Promise<T>;
  next(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  sendJson(value: unknown): void;
  close(): Promise<void>;
}

/** Opens a WebSocket as our own page would (with `protocols`, if any); resolves once it is open. */
export async function connectClient(port: number, token: string, protocols: string[] = []): Promise<TestClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, { headers: pageHeaders(port, token) });
  const messages: ServerMessage[] = [];
  const forms: TestClient['forms'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const parsed = WsServerMessage.safeParse(JSON.parse(String(data)));
    if (!parsed.success) throw new Error(`the server sent an invalid frame: ${String(data).slice(0, 200)}`);
    if ('packed' in parsed.data) {
      const unpacked = unpackStreamMessage(parsed.data.packed);
      if (!unpacked.ok) throw new Error(`the server sent an invalid packed frame: ${unpacked.issue}`);
      messages.push({ stream: unpacked.value });
      forms.push('packed');
    } else {
      messages.push(parsed.data);
      forms.push('stream' in parsed.data ? 'stream' : 'reply');
    }
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let seen = 0;
  return {
    ws,
    messages,
    forms,
    next(match: (message: ServerMessage) => boolean, timeoutMs = 20_000): Promise<ServerMessage> {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          while (seen < messages.length) {
            const message = messages[seen++] as ServerMessage;
            if (match(message)) {
              waiters.delete(wake);
              clearTimeout(timer);
              resolve(message);
              return true;
            }
          }
          return false;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${messages.length} messages`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    sendJson: (value) => ws.send(JSON.stringify(value)),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  } as TestClient;
}

/** A reply to call `id`. */
export const replyTo =
  (id: number | null) =>
  (message: ServerMessage): message is Extract<ServerMessage, { id: number | null }> =>
    'id' in message && message.id === id;

/** A stream message of `type`. */
export const streamOf =
  <T extends StreamMessage['type']>(type: T) =>
  (message: ServerMessage): message is { stream: Extract<StreamMessage, { type: T }> } =>
    'stream' in message && message.stream.type === type;

const EMPTY_SNAPSHOT: Snapshot = { time: 0, seq: 0, source: 'ss', sockets: [], processes: {}, hiddenOwners: 0, warnings: [] };

/**
 * A stub Backend for the security tests only (the real one is exercised by the round-trip
 * tests): answers getSnapshot with an empty snapshot, streams that snapshot, and lets the test
 * push stream messages with `push`.
 */
export function stubBackend(): Backend & { push(message: StreamMessage): void; listeners: number } {
  const listeners = new Set<(message: StreamMessage) => void>();
  return {
    async call(name) {
      if (name === 'getSnapshot') return { ok: true, value: EMPTY_SNAPSHOT } as never;
      return { ok: false, error: { code: 'unsupported', message: `stub backend: ${name}`, detail: null } };
    },
    subscribe(listener) {
      listeners.add(listener);
      listener({ type: 'snapshot', snapshot: EMPTY_SNAPSHOT });
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
    push(message) {
      for (const listener of listeners) listener(message);
    },
    get listeners() {
      return listeners.size;
    },
  };
}
