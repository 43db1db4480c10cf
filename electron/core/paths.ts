/**
 * Where PortLens keeps its files (settings, restart logs). Only the path: the directory is
 * created, or tightened, to 0700 by `ensurePrivateDir` (private-files.ts) when PortLens writes
 * there, and one that someone else owns is refused.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * `$PORTLENS_DATA_DIR` (made absolute against the working directory), else the directory
 * Electron's `app.getPath('userData')` would use for PortLens. The one rule for the app (which
 * sets its userData to this before `ready`), browser mode and the CLI, so they share settings
 * and restart logs:
 * `$XDG_CONFIG_HOME/PortLens` (`~/.config/PortLens`) on Linux — a relative XDG_CONFIG_HOME is
 * ignored, as the XDG Base Directory spec says — `~/Library/Application Support/PortLens` on
 * macOS, `%APPDATA%\PortLens` on Windows.
 */
export function dataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  // Absolute: Electron's app.setPath refuses a relative path.
  if (env.PORTLENS_DATA_DIR) return resolve(env.PORTLENS_DATA_DIR);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'PortLens');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'PortLens');
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'PortLens');
}
