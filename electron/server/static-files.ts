/**
 * The built renderer (dist/renderer), read once at start-up and served from memory: the page
 * and its hashed assets always come from one build (a rebuild on disk cannot mix versions under
 * a running server), and only files that exist in that listing can ever be served, so no URL
 * (`..`, encoded slashes, symlinks) reaches outside it.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { contentType } from '../core/web/content-type.js';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';


/** Refuse to load a "renderer" bigger than this: the real one is a few MB with source maps. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

export { contentType } from '../core/web/content-type.js';

/** One file ready to send. */
interface StaticFile {
  body: Buffer;
  type: string;
  /** index.html names this build's hashed assets: browsers must never reuse an old copy. */
  cache: string;
}

/** The files of a static directory, keyed by URL path (`/index.html`, `/assets/x.js`). */
export class StaticFiles {
  private constructor(private readonly files: Map<string, StaticFile>) {}

  /** Reads every regular file under `dir` (symlinks are skipped, never followed). */
  static async load(dir: string): Promise<StaticFiles> {
    const root = await realpath(dir);
    const files = new Map<string, StaticFile>();
    let total = 0;
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && (await lstat(path)).isFile()) {
          const body = await readFile(path);
          total += body.length;
          if (total > MAX_TOTAL_BYTES) throw new Error(`${root} holds more than ${MAX_TOTAL_BYTES} bytes; is it the renderer build?`);
          const url = `/${relative(root, path).split(sep).join('/')}`;
          files.set(url, { body, type: contentType(path), cache: url === '/index.html' ? 'no-store' : 'no-cache' });
        }
      }
    };
    await walk(root);
    return new StaticFiles(files);
  }

  /** The text of index.html, if the build has one. */
  indexHtml(): string | null {
    return this.files.get('/index.html')?.body.toString('utf8') ?? null;
  }

  /** The file a URL path names (`/` is index.html), or undefined. Paths are matched exactly. */
  lookup(urlPath: string): StaticFile | undefined {
    return this.files.get(urlPath === '/' ? '/index.html' : urlPath);
  }

  /**
   * Answers a GET/HEAD for a file with `headers` added; returns false (nothing sent) when no
   * such file exists, so the caller can answer 404.
   */
  serve(urlPath: string, request: IncomingMessage, response: ServerResponse, headers: OutgoingHttpHeaders): boolean {
    const file = this.lookup(urlPath);
    if (!file) return false;
    response.writeHead(200, { ...headers, 'Content-Type': file.type, 'Content-Length': file.body.length, 'Cache-Control': file.cache });
    response.end(request.method === 'HEAD' ? undefined : file.body);
    return true;
  }
}
