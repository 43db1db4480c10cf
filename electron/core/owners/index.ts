/**
 * Owners: which process holds a socket, and what PortLens shows about a process (Linux, /proc;
 * on macOS, the launchd job or Homebrew service that runs it).
 */
export { bootTimeMs, clockTicksPerSecond, parseBootTime, ticksToEpochMs } from './boot-clock.js';
export { type CgroupEntry, dockerContainerOf, parseCgroup } from './cgroup.js';
export {
  type ContainerProcess,
  type DockerProxyTarget,
  addressIn,
  containerOwningAddress,
  dockerContainerForAddress,
  dockerContainerProcesses,
  dockerProxyTarget,
  namespaceAddresses,
  parseFibTrieLocal,
  parseIfInet6,
} from './docker-proxy.js';
export { type EnvironResult, parseEnviron, readEnviron } from './environ.js';
export { socketInode } from './fd-index.js';
export { withLaunchdService, withLaunchdServices } from './launchd/attach-services.js';
export {
  type LaunchdJobs,
  type LaunchdJobsOptions,
  createLaunchdJobs,
  launchdDomainOf,
  launchdJobs,
  launchdService,
  launchdServiceOf,
} from './launchd/launchd-jobs.js';
export { type LaunchdJob, parseLaunchctlList } from './launchd/launchctl-list.js';
export {
  type InodeOwners,
  type OwnerResolverOptions,
  type OwnerScanStats,
  type ResolveHints,
  OwnerResolver,
} from './owner-resolver.js';
export { type ProcFailure, isPid, procFailureOf, splitNul } from './proc-files.js';
export { type ProcStat, type ProcessIdentity, parseStat, processIdentity, readStat } from './proc-stat.js';
export { ProcessCache } from './process-cache.js';
export { displayName, parseStatus, readProcessInfo } from './process-info.js';
export { childrenOf, parentChain } from './process-tree.js';
export { type ServiceManagerInput, detectServiceManager } from './service-manager.js';
export { parsePasswd, userName } from './user-names.js';
