/**
 * Whether the monitor can run on this OS. Only Linux collectors exist so far: elsewhere the app
 * starts no worker (it would throw and be respawned five times) and says so plainly, once,
 * through the contract (unsupported-backend.ts). Add a platform here when its collectors land.
 */

/** The platforms whose sockets the monitor can collect. */
const MONITORED_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux']);

/** What the person reads on a platform PortLens cannot monitor yet; null where it can. */
export function unsupportedPlatformMessage(platform: NodeJS.Platform): string | null {
  if (MONITORED_PLATFORMS.has(platform)) return null;
  return `PortLens does not support ${platformName(platform)} yet: this version lists ports on Linux only.`;
}

function platformName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS';
  if (platform === 'win32') return 'Windows';
  return platform;
}
