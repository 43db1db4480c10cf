/**
 * Registers app:// (security checklist #18): privileged as standard (a real origin, relative
 * URLs, storage) and secure (a secure context, like https) before `ready`, then served by
 * app-protocol-handler.ts from dist/renderer only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { createAppProtocolHandler } from './app-protocol-handler.js';
import { electronPolicy } from './content-security-policy.js';

/** Must run before the app's `ready` event (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  // No `corsEnabled`: the page loads only same-origin modules, and that privilege would let any
  // other origin read app:// responses without an Access-Control-Allow-Origin check.
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves `rendererDir` on app:// with the CSP derived from its index.html. Call after `ready`. */
export async function serveAppProtocol(rendererDir: string): Promise<void> {
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => null);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererDir, contentSecurityPolicy: electronPolicy(indexHtml) }),
  );
}
