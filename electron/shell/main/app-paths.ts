/**
 * Where the shell finds its parts, from the directory of the main bundle (dist/electron). The
 * entry resolves these once and passes them in; no other module guesses a path.
 */
import { join, resolve, sep } from 'node:path';

/** Paths the shell needs at run time. */
export interface AppPaths {
  /** The built renderer (dist/renderer), served on app://portlens/. */
  rendererDir: string;
  /** The sandboxed preload bundle. */
  preloadPath: string;
  /** The monitor worker; outside app.asar when packaged, because worker threads cannot read an archive. */
  workerPath: string;
  /** PNG icons (build/icons), for the tray, the window and notifications. */
  iconsDir: string;
}

/** The paths of an app whose main bundle lives in `bundleDir`. */
export function appPaths(bundleDir: string): AppPaths {
  const root = resolve(bundleDir, '..', '..');
  return {
    rendererDir: join(root, 'dist', 'renderer'),
    preloadPath: join(bundleDir, 'preload.cjs'),
    workerPath: unpacked(join(bundleDir, 'monitor-worker.mjs')),
    iconsDir: join(root, 'build', 'icons'),
  };
}

/**
 * The app.asar.unpacked twin of a path inside app.asar (electron-builder's asarUnpack puts
 * files there); other paths are returned unchanged.
 */
export function unpacked(path: string): string {
  const marker = `${sep}app.asar${sep}`;
  const at = path.indexOf(marker);
  return at === -1
    ? path
    : `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + marker.length)}`;
}

/** The tray icon's 1x and 2x files (in build/icons) on `platform`. */
export function trayIconFiles(platform: NodeJS.Platform): [string, string] {
  if (platform === 'darwin') return ['trayTemplate.png', 'trayTemplate@2x.png'];
  const base = platform === 'linux' ? 24 : 16;
  return [`${base}x${base}.png`, `${base * 2}x${base * 2}.png`];
}
