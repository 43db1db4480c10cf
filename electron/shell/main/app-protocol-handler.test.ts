import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol-handler.js';

const csp = "default-src 'self'";
let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'portlens-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>PortLens</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'data.bin'), 'x');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'));
  handle = createAppProtocolHandler({ rootDir: root, contentSecurityPolicy: csp });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }));

describe('app:// handler', () => {
  it('serves index.html for / with the CSP, nosniff and its content type', async () => {
    const response = await get('app://portlens/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>PortLens</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their types; unknown types are never sniffed', async () => {
    expect((await get('app://portlens/assets/app.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://portlens/assets/data.bin')).headers.get('content-type')).toBe(
      'application/octet-stream',
    );
  });

  it('refuses paths that leave the renderer directory', async () => {
    for (const url of [
      'app://portlens/../secret.txt',
      'app://portlens/%2e%2e/secret.txt',
      'app://portlens/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://portlens/assets/..%5c..%5csecret.txt',
      'app://portlens/assets/escape.txt',
      'app://portlens/%00',
      'app://portlens/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
    }
  });

  it('refuses directories, missing files, other hosts and methods other than GET and HEAD', async () => {
    expect((await get('app://portlens/assets')).status).toBe(404);
    expect((await get('app://portlens/nope.js')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://portlens/index.html', 'POST')).status).toBe(405);
    const head = await get('app://portlens/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says the renderer is not built when its directory is missing', async () => {
    const missing = createAppProtocolHandler({ rootDir: join(base, 'nope'), contentSecurityPolicy: csp });
    const response = await missing(new Request('app://portlens/index.html'));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/not built/);
  });
});
