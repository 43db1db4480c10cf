/**
 * The browser-mode server's plain HTTP side: Host check, `/session` (bearer token), the static
 * page (no token: it holds no secret), favicon, 404 and 405.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Result } from '../contract/api.js';
import { SESSION_PATH } from '../contract/wire/ws-frames.js';
import { EXPOSITION_CONTENT_TYPE } from '../core/metrics/exposition.js';
import { bearerToken, hostAllowed } from './request-guard.js';
import type { StaticFiles } from './static-files.js';
import { tokenMatches } from './token.js';

/** What the server knows once it listens: its port and the headers every answer carries. */
export interface ServerSite {
  port: number;
  headers: OutgoingHttpHeaders;
}

/** What the HTTP handler needs. `site` is read on every request (it is filled in after listen). */
export interface HttpContext {
  token: string;
  files: StaticFiles;
  site: ServerSite;
  log?: (line: string) => void;
  /** `GET /metrics` (bearer token required): the backend's Prometheus text. */
  metrics?: () => Promise<Result<{ text: string }>>;
}

/** The `request` listener: answers every plain HTTP request, 500 when answering throws. */
export function httpHandler(
  context: HttpContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    try {
      handleHttp(context, request, response);
    } catch (error) {
      context.log?.(`portlens serve: request failed: ${String(error)}`);
      if (!response.headersSent) plain(response, 500, 'Internal error', context.site.headers);
      else response.destroy();
    }
  };
}

function handleHttp(
  { token, files, site, metrics, log }: HttpContext,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const { port, headers } = site;
  if (!hostAllowed(request.headers.host, port))
    return plain(response, 403, 'Forbidden: unknown Host', headers);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return plain(response, 405, 'Method not allowed', headers);
  }
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname === SESSION_PATH) {
    // The page asks this only when its socket was refused: was it the token, or is the server gone?
    if (!tokenMatches(token, bearerToken(request.headers.authorization))) {
      return plain(
        response,
        401,
        'Unauthorized: open PortLens with the URL `portlens serve` printed (it carries the token).',
        headers,
      );
    }
    return noContent(response, headers, 'no-store');
  }
  if (url.pathname === METRICS_PATH && metrics) {
    // The machine's ports and processes: the token, like everything else that reads the machine.
    if (!tokenMatches(token, bearerToken(request.headers.authorization))) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return plain(response, 401, 'Unauthorized: send Authorization: Bearer <token> (see README, "A fleet")', headers);
    }
    void answerMetrics(metrics, request, response, headers, log);
    return;
  }
  // The page and its code hold no secret: served to anyone who names our Host.
  if (files.serve(url.pathname, request, response, headers)) return;
  // Browsers ask for a favicon unprompted; without one, answer "nothing" instead of logging a 404.
  if (url.pathname === '/favicon.ico') return noContent(response, headers, 'no-cache');
  plain(response, 404, 'Not found', headers);
}

/** Where Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

async function answerMetrics(
  metrics: () => Promise<Result<{ text: string }>>,
  request: IncomingMessage,
  response: ServerResponse,
  headers: OutgoingHttpHeaders,
  log: ((line: string) => void) | undefined,
): Promise<void> {
  try {
    const result = await metrics();
    if (!result.ok) return plain(response, 503, `Metrics unavailable: ${result.error.message}`, headers);
    const body = Buffer.from(result.value.text, 'utf8');
    response.writeHead(200, {
      ...headers,
      'Content-Type': EXPOSITION_CONTENT_TYPE,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch (error) {
    log?.(`portlens serve: /metrics failed: ${String(error)}`);
    if (!response.headersSent) plain(response, 500, 'Internal error', headers);
    else response.destroy();
  }
}

/** An empty 204 answer. */
function noContent(response: ServerResponse, headers: OutgoingHttpHeaders, cacheControl: string): void {
  response.writeHead(204, { ...headers, 'Cache-Control': cacheControl });
  response.end();
}

/** A short plain-text answer. */
function plain(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders): void {
  const body = `${text}\n`;
  response.writeHead(status, {
    ...headers,
    ...response.getHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
