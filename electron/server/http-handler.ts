/**
 * The browser-mode server's plain HTTP side: Host check, `/session` (bearer token), the static
 * page (no token: it holds no secret), favicon, 404 and 405.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SESSION_PATH } from '../contract/wire/ws-frames.js';
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
  { token, files, site }: HttpContext,
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
  // The page and its code hold no secret: served to anyone who names our Host.
  if (files.serve(url.pathname, request, response, headers)) return;
  // Browsers ask for a favicon unprompted; without one, answer "nothing" instead of logging a 404.
  if (url.pathname === '/favicon.ico') return noContent(response, headers, 'no-cache');
  plain(response, 404, 'Not found', headers);
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
