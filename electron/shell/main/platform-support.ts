/**
 * Whether the monitor can run on this OS: Linux (the kernel's tables), macOS (lsof, ps,
 * launchctl) and Windows (netstat, Win32_Process, tasklist). Elsewhere (the BSDs, AIX…) the app
 * starts no worker (it would throw and be respawned five times) and says so plainly, once,
 * through the contract (unsupported-backend.ts).
 */

/** The platforms whose sockets the monitor can collect. */
const MONITORED_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'darwin', 'win32']);

/** What the person reads on a platform PortLens cannot monitor yet; null where it can. */
export function unsupportedPlatformMessage(platform: NodeJS.Platform): string | null {
  if (MONITORED_PLATFORMS.has(platform)) return null;
  return `PortLens does not support ${platform} yet: this version lists ports on Linux, macOS and Windows.`;
}
