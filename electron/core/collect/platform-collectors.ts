/**
 * The collectors to try on each platform, best first. Linux reads the kernel (netlink, ss,
 * /proc/net) and keeps lsof and netstat as cross-checks and last resorts; macOS has lsof, which
 * names each socket's holders, merged with `netstat -anv`, which lists other users' sockets and
 * byte counters (lsof alone if the merged collector breaks); Windows has `netstat -ano`, which
 * names each socket's owner.
 */
import type { CollectorCandidate } from './create-collector.js';
import { DarwinCollector } from './darwin-netstat/darwin-collector.js';
import { LsofCollector } from './lsof/lsof-collector.js';
import { NetlinkCollector } from './netlink-collector.js';
import { NetstatCollector } from './netstat/netstat-collector.js';
import { ProcNetCollector } from './proc-net-collector.js';
import { SsCollector } from './ss-collector.js';

const netlink: CollectorCandidate = { source: 'netlink', create: () => new NetlinkCollector() };
const ss: CollectorCandidate = { source: 'ss', create: () => new SsCollector() };
const proc: CollectorCandidate = { source: 'proc', create: () => new ProcNetCollector() };
const lsof: CollectorCandidate = { source: 'lsof', create: () => new LsofCollector() };
const netstat: CollectorCandidate = { source: 'netstat', create: () => new NetstatCollector() };
/** lsof and netstat -anv merged; its source is lsof's, whose holders it keeps. */
const lsofAndNetstat: CollectorCandidate = { source: 'lsof', create: () => new DarwinCollector() };

/** The candidates for `platform` (process.platform by default), best first. */
export function platformCandidates(platform: NodeJS.Platform = process.platform): readonly CollectorCandidate[] {
  if (platform === 'darwin') return [lsofAndNetstat, lsof];
  if (platform === 'linux') return [netlink, ss, proc, lsof, netstat];
  if (platform === 'win32') return [netstat];
  return [];
}
