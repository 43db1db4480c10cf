/**
 * Opens browser mode's URL in the default browser without putting the token on a command line:
 * every user can read `/proc/<pid>/cmdline`, so `xdg-open http://…#token=…` would hand the
 * token to anyone on the machine. Instead a private file (0600, in a fresh 0700 directory under
 * `$XDG_RUNTIME_DIR`, else the data directory) forwards to the URL, and only its path goes on
 * the command line. The file is removed once the page has connected, or after a minute.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, constants, fchmodSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { windowsProgram } from '../core/owners/windows/system-programs.js';
import { ensurePrivateDir } from '../core/private-files.js';

/** How long the forwarding file stays when no page connects (the browser may be slow to start). */
export const OPENER_LIFETIME_MS = 60_000;

/** A forwarding file on disk until `remove()` (idempotent). */
export interface OpenerFile {
  path: string;
  remove(): void;
}

/** `$XDG_RUNTIME_DIR` when it is a private directory of ours (as the XDG spec requires), else `fallback`. */
export function privateBase(fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && isAbsolute(runtime)) {
    try {
      const stat = statSync(runtime);
      if (stat.isDirectory() && (stat.mode & 0o077) === 0 && stat.uid === process.getuid?.()) return runtime;
    } catch {
      // Not there: use the fallback.
    }
  }
  return fallback;
}

/** The page that forwards to `url`: no script needed, and no Referer sent. */
export function openerHtml(url: string): string {
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0;url=${attr}"><title>Opening PortLens…</title></head>` +
    `<body><a href="${attr}" rel="noreferrer">Open PortLens</a></body></html>\n`
  );
}

/** Writes the forwarding file: a fresh 0700 directory under `base`, the file 0600, whatever the umask. */
export function writeOpenerFile(url: string, base: string): OpenerFile {
  ensurePrivateDir(base);
  // mkdtemp picks an unguessable name and creates it 0700 (less under a strict umask: set it).
  const dir = mkdtempSync(join(base, 'portlens-open-'));
  chmodSync(dir, 0o700);
  const path = join(dir, 'open.html');
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, openerHtml(url));
  } finally {
    closeSync(fd);
  }
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The command that opens a file or URL with the desktop's default handler. */
export function openCommand(target: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return [windowsProgram('cmd'), ['/c', 'start', '""', target]];
  return ['xdg-open', [target]];
}

/** What `openInBrowser` needs; `used` settles once the URL has been used (a page connected). */
export interface OpenOptions {
  url: string;
  /** Where the private file goes when `$XDG_RUNTIME_DIR` is unusable (the data directory). */
  fallbackDir: string;
  used: Promise<unknown>;
  /** One line on stderr when it fails; never fatal. */
  note: (why: string) => void;
}

/**
 * Opens `url` through a private forwarding file; returns the file (removed by then or later),
 * or null when it could not even be written (the user opens the printed URL).
 */
export function openInBrowser(options: OpenOptions): OpenerFile | null {
  let file: OpenerFile;
  try {
    file = writeOpenerFile(options.url, privateBase(options.fallbackDir));
  } catch (error) {
    options.note(`could not write a private file to open it with: ${(error as Error).message}`);
    return null;
  }
  const timer = setTimeout(() => file.remove(), OPENER_LIFETIME_MS);
  timer.unref();
  void options.used.then(() => {
    clearTimeout(timer);
    file.remove();
  });
  const [command, args] = openCommand(pathToFileURL(file.path).href);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', (error) => options.note(error.message));
    child.on('exit', (code) => {
      if (code) options.note(`${command} exited with ${code}`);
    });
    child.unref();
  } catch (error) {
    options.note((error as Error).message);
  }
  return file;
}
