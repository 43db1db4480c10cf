/**
 * What speaks on the port, found without changing anything: first listen for a banner (SSH,
 * SMTP, MySQL, FTP talk first); on silence, ask what a harmless client asks — `PING` for Redis,
 * PostgreSQL's SSLRequest, `GET /` for HTTP (a safe method by definition) — and, when plain
 * HTTP gets no answer, a TLS handshake.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Probe } from '../../../contract/diagnose-model.js';
import { hostPort } from '../../../contract/reachability.js';

type Reply = { data: Buffer; latencyMs: number } | { error: string } | null;

/**
 * Ports whose services act on any bytes they receive (raw printing on JetDirect 9100–9103, LPD,
 * telnet's login): a silent one there gets nothing sent, so a probe can never print a page.
 */
const RAW_INPUT_PORTS: ReadonlySet<number> = new Set([23, 515, 9100, 9101, 9102, 9103]);

/** Probes address:port within `budgetMs`; one Probe describing what answered. */
export async function serviceProbe(address: string, port: number, budgetMs: number, hint: string | null): Promise<Probe> {
  const deadline = performance.now() + budgetMs;
  const left = (): number => Math.max(50, deadline - performance.now());
  const banner = await exchange(address, port, null, Math.min(300, left()));
  if (banner && 'data' in banner && banner.data.length > 0) return bannerProbe(address, port, banner);
  if (RAW_INPUT_PORTS.has(port) && hint !== 'http') {
    const detail = `silent; nothing sent: port ${port} usually takes raw input (printing, a login), where any bytes would be acted on`;
    return { kind: 'banner', address, port, outcome: banner === null ? 'no-answer' : 'error' in banner ? 'error' : 'connected', latencyMs: banner && 'latencyMs' in banner ? banner.latencyMs : null, detail, http: null, service: null };
  }
  if (hint === 'redis' || hint === 'postgresql') {
    const reply = await exchange(address, port, hint === 'redis' ? Buffer.from('PING\r\n') : Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]), left());
    if (reply && 'data' in reply && reply.data.length > 0) return bannerProbe(address, port, reply);
  }
  const host = hostPort(address, port);
  const http = await exchange(address, port, Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: portlens-diagnose\r\nAccept: text/html\r\nConnection: close\r\n\r\n`), left());
  if (http && 'data' in http && http.data.subarray(0, 5).toString('latin1') === 'HTTP/') return httpProbe(address, port, http, 'http');
  const tls = deadline - performance.now() > 100 ? await tlsProbe(address, port, left()) : null;
  if (tls) return tls;
  const detail = http === null ? 'no answer in time' : 'error' in http ? http.error : `an answer that is not HTTP (${http.data.length} bytes)`;
  return { kind: 'banner', address, port, outcome: http === null ? 'no-answer' : 'error' in http ? 'error' : 'connected', latencyMs: http && 'latencyMs' in http ? http.latencyMs : null, detail, http: null, service: null };
}

/** Connects, sends `send` (if any) and collects what comes back until close, 8 KiB or the timeout. */
function exchange(address: string, port: number, send: Buffer | null, timeoutMs: number): Promise<Reply> {
  return collect(connect({ host: address, port }), 'connect', send, timeoutMs);
}

function collect(socket: Socket, readyEvent: string, send: Buffer | null, timeoutMs: number): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (reply: Reply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const got = (): Reply => (size > 0 ? { data: Buffer.concat(chunks), latencyMs: Math.round(performance.now() - started) } : null);
    const timer = setTimeout(() => finish(got() ?? (send === null ? { data: Buffer.alloc(0), latencyMs: 0 } : null)), timeoutMs);
    socket.once(readyEvent, () => send && socket.write(send));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= 8192 || (send !== null && isCompleteHttp(Buffer.concat(chunks)))) finish(got());
    });
    socket.once('end', () => finish(got() ?? { error: 'closed without an answer' }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(got() ?? { error: error.code ?? error.message }));
  });
}

/** Enough of an HTTP answer to report: the head, and the <title> if the body has one. */
function isCompleteHttp(data: Buffer): boolean {
  const text = data.toString('latin1');
  return text.startsWith('HTTP/') && text.includes('\r\n\r\n') && (/<\/title>/i.test(text) || !/text\/html/i.test(text.split('\r\n\r\n')[0] ?? ''));
}

async function tlsProbe(address: string, port: number, timeoutMs: number): Promise<Probe | null> {
  const started = performance.now();
  // Certificates are not checked: this asks "does it speak TLS?", and sends only a ClientHello
  // and then a GET; nothing is trusted from the answer.
  const socket = tlsConnect({ host: address, port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], servername: undefined });
  let protocol: string | null = null;
  socket.once('secureConnect', () => (protocol = socket.getProtocol() ?? 'TLS'));
  const reply = await collect(socket, 'secureConnect', Buffer.from(`GET / HTTP/1.1\r\nHost: ${hostPort(address, port)}\r\nConnection: close\r\n\r\n`), timeoutMs);
  if (protocol === null) return null;
  if (reply && 'data' in reply && reply.data.subarray(0, 5).toString('latin1') === 'HTTP/') {
    const probe = httpProbe(address, port, reply, 'https');
    return { ...probe, kind: 'tls', detail: `${protocol}, ${probe.detail ?? ''}` };
  }
  return { kind: 'tls', address, port, outcome: 'connected', latencyMs: Math.round(performance.now() - started), detail: protocol, http: null, service: 'tls' };
}

function httpProbe(address: string, port: number, reply: { data: Buffer; latencyMs: number }, service: string): Probe {
  const text = reply.data.toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head)?.[1] ?? 0);
  const header = (name: string): string | null => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim().replace(/\s+/g, ' ') ?? null;
  const location = header('location');
  const detail = `HTTP ${status}${title ? ` "${title}"` : ''}${location ? ` → ${location}` : ''}${header('server') ? ` (${header('server')})` : ''}`;
  return { kind: 'http', address, port, outcome: 'connected', latencyMs: reply.latencyMs, detail, http: { status, server: header('server'), title, location }, service };
}

/** Known first words of common services. */
const BANNERS: Array<[RegExp, string]> = [
  [/^SSH-/, 'ssh'],
  [/^\+PONG|^-NOAUTH|^-ERR/, 'redis'],
  [/^[SN]$/, 'postgresql'],
  [/^220[ -].*(SMTP|ESMTP|Postfix|Exim)/i, 'smtp'],
  [/^220[ -]/, 'ftp-or-smtp'],
  [/^\* OK/, 'imap'],
  [/^\+OK/, 'pop3'],
];

function bannerProbe(address: string, port: number, reply: { data: Buffer; latencyMs: number }): Probe {
  const text = reply.data.toString('latin1');
  // MySQL's greeting: a 3-byte length, sequence 0, protocol version 10, then the server version.
  const mysql = reply.data.length > 5 && reply.data[3] === 0 && reply.data[4] === 10;
  const service = mysql ? 'mysql' : (BANNERS.find(([pattern]) => pattern.test(text))?.[1] ?? null);
  const line = mysql ? `MySQL ${reply.data.subarray(5, reply.data.indexOf(0, 5)).toString('latin1')}` : text.split(/\r?\n/)[0]?.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
  return { kind: 'banner', address, port, outcome: 'connected', latencyMs: reply.latencyMs, detail: line ?? null, http: null, service };
}
