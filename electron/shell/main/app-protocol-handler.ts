/**
 * The app:// request handler (security checklist #18): serves files of dist/renderer only —
 * GET/HEAD, no path that leaves the directory (`..`, encoded slashes, symlinks out), no
 * listing — with the CSP and nosniff headers. Plain Node (WHATWG Request/Response), so it is
 * tested without Electron.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { contentType } from '../../core/web/content-type.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';


/** What the handler serves and with which policy. */
export interface AppProtocolOptions {
  /** dist/renderer. */
  rootDir: string;
  /** The Content-Security-Policy header value. */
  contentSecurityPolicy: string;
}

/** A `protocol.handle` handler for app://portlens/… */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const rootPromise = realpath(options.rootDir).catch(() => null);
  const headers = (type: string): Record<string, string> => ({
    'Content-Type': type,
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  const refuse = (status: number, text: string): Response =>
    new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'not found');
    const root = await rootPromise;
    if (!root) return refuse(404, 'renderer not built (run node scripts/build.mjs)');
    const file = await resolveInside(root, url.pathname);
    if (!file) return refuse(404, 'not found');
    const type = contentType(file);
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: headers(type) });
  };
}

/** The real path of `urlPath` under `root`, or null when malformed, missing or outside it. */
export async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = resolve(root, wanted);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
