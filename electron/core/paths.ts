/** Where PortLens keeps its files outside the Electron shell (CLI, browser mode). */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The data directory: `$XDG_DATA_HOME/portlens`, else `~/.local/share/portlens`. A relative
 * XDG_DATA_HOME is ignored, as the XDG Base Directory spec says it must be.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  return xdg && isAbsolute(xdg) ? join(xdg, 'portlens') : join(home, '.local', 'share', 'portlens');
}
