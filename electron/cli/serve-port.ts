/**
 * `serve`'s default port: the one the last `serve` used, when it is free, so bookmarks and the
 * browser's per-origin state (an origin includes the port) survive a restart. Remembered in
 * `<dataDir>/serve-port` (0600 in the 0700 data directory); anything unreadable is no memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../core/private-files.js';

function portFile(dataDir: string): string {
  return join(dataDir, 'serve-port');
}

/** The port the last `serve` listened on, or null. */
export function rememberedServePort(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(portFile(dataDir), 'utf8').trim();
  } catch {
    return null;
  }
  const port = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  return port >= 1024 && port <= 65535 ? port : null;
}

/** Remembers the port `serve` listens on (best effort: a read-only data dir costs only the memory). */
export function rememberServePort(dataDir: string, port: number): void {
  try {
    writePrivateFileAtomic(portFile(dataDir), `${port}\n`, dataDir);
  } catch {
    // Next time serve picks a free port, as without the memory.
  }
}
