/** Where PortLens keeps its files when no shell (Electron) chose for it: the CLI. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$PORTLENS_DATA_DIR`, else the directory Electron's `app.getPath('userData')` uses for
 * PortLens, so the CLI and the app share settings and restart logs: `$XDG_CONFIG_HOME/PortLens`
 * (`~/.config/PortLens`) on Linux, `~/Library/Application Support/PortLens` on macOS,
 * `%APPDATA%\PortLens` on Windows.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env['PORTLENS_DATA_DIR']) return env['PORTLENS_DATA_DIR'];
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'PortLens');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'PortLens');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'PortLens');
}
