/** Socket collectors for Linux (netlink, then ss, then /proc/net) and address helpers. */
export { canonicalAddress, formatIpv4, formatIpv6, parseIpv4, parseIpv6, scopeOf } from './address.js';
export { createCollector, pickCollector } from './create-collector.js';
export type { CollectorCandidate, CreateCollectorOptions } from './create-collector.js';
export type { LinuxCollector } from './linux-collector.js';
export type { ParseResult } from './line-parser.js';
export { NetlinkCollector } from './netlink-collector.js';
export type { NetlinkCollectorOptions } from './netlink-collector.js';
export { ProcNetCollector } from './proc-net-collector.js';
export type { ProcNetCollectorOptions } from './proc-net-collector.js';
export { parseProcNet } from './proc-net-parse.js';
export type { ProcNetOptions } from './proc-net-parse.js';
export { SsCollector } from './ss-collector.js';
export type { SsCollectorOptions } from './ss-collector.js';
export { parseSsOutput } from './ss-parse.js';
