/**
 * docker-proxy forwards a published port to a container, but its argv names the container's
 * IP (`-container-ip 172.17.0.2`), not its id, and it runs in docker.service's cgroup. The id
 * is found without the Docker engine: every container process has `docker-<id>.scope` or
 * `/docker/<id>` in its cgroup and lives in the container's network namespace, whose local
 * addresses /proc/<pid>/net/fib_trie (IPv4) and /proc/<pid>/net/if_inet6 (IPv6) list. The
 * container whose namespace holds the proxy's container IP is the one.
 */
import { readdirSync } from 'node:fs';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { basename } from 'node:path';
import { dockerContainerOf, parseCgroup } from './cgroup.js';
import { pidFromName, readProcText } from './proc-files.js';

/** Where a docker-proxy forwards to, from its argv. */
export interface DockerProxyTarget {
  proto: string | null;
  hostIp: string | null;
  hostPort: number | null;
  containerIp: string;
  containerPort: number | null;
}

/**
 * Reads a docker-proxy's flags (Go's flag syntax: `-name value`, `--name value`, `-name=value`);
 * null when argv is not a docker-proxy or names no valid container IP.
 */
export function dockerProxyTarget(argv: readonly string[]): DockerProxyTarget | null {
  const program = argv[0];
  if (program === undefined || basename(program) !== 'docker-proxy') return null;
  const flags = new Map<string, string>();
  for (let i = 1; i < argv.length; i++) {
    const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!match?.[1]) continue;
    const value = match[2] ?? argv[i + 1];
    if (value === undefined) continue;
    flags.set(match[1], value);
    if (match[2] === undefined) i++;
  }
  const containerIp = flags.get('container-ip');
  if (containerIp === undefined || !(isIPv4(containerIp) || isIPv6(containerIp))) return null;
  return {
    proto: flags.get('proto') ?? null,
    hostIp: flags.get('host-ip') ?? null,
    hostPort: portOf(flags.get('host-port')),
    containerIp,
    containerPort: portOf(flags.get('container-port')),
  };
}

function portOf(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/**
 * The local IPv4 addresses of /proc/net/fib_trie: a leaf line `|-- 172.17.0.2` followed by a
 * `/32 host LOCAL` line. Never throws; unknown lines are skipped.
 */
export function parseFibTrieLocal(text: string): string[] {
  const found = new Set<string>();
  let leaf: string | null = null;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('|-- ')) {
      const address = trimmed.slice(4);
      leaf = isIPv4(address) ? address : null;
    } else if (leaf !== null && /^\/32 host LOCAL$/.test(trimmed)) {
      found.add(leaf);
    } else if (!trimmed.startsWith('/')) {
      leaf = null;
    }
  }
  return [...found];
}

/** The IPv6 addresses of /proc/net/if_inet6 (32 hex digits per line), in colon form. */
export function parseIfInet6(text: string): string[] {
  const addresses: string[] = [];
  for (const line of text.split('\n')) {
    const hex = line.trim().split(/\s+/)[0] ?? '';
    if (!/^[0-9a-f]{32}$/i.test(hex)) continue;
    addresses.push(hex.match(/.{4}/g)?.join(':') ?? '');
  }
  return addresses;
}

/** The local addresses of `pid`'s network namespace; empty when unreadable or gone. */
export function namespaceAddresses(pid: number): string[] {
  const v4 = readProcText(pid, 'net/fib_trie');
  const v6 = readProcText(pid, 'net/if_inet6');
  return [
    ...(v4 === 'gone' || v4 === 'permission' ? [] : parseFibTrieLocal(v4)),
    ...(v6 === 'gone' || v6 === 'permission' ? [] : parseIfInet6(v6)),
  ];
}

/** True when `ip` is one of `addresses` (textual IPv6 forms are compared as addresses). */
export function addressIn(ip: string, addresses: readonly string[]): boolean {
  const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
  if (family === null) return false;
  const list = new BlockList();
  for (const address of addresses) {
    if (isIPv4(address)) list.addAddress(address, 'ipv4');
    else if (isIPv6(address)) list.addAddress(address, 'ipv6');
  }
  return list.check(ip, family);
}

/** One process per candidate container: enough, since a container shares one namespace. */
export interface ContainerProcess {
  containerId: string;
  pid: number;
}

/** The container whose namespace has `ip` among its local addresses, or null. */
export function containerOwningAddress(ip: string, candidates: Iterable<ContainerProcess>): string | null {
  for (const { containerId, pid } of candidates) {
    if (addressIn(ip, namespaceAddresses(pid))) return containerId;
  }
  return null;
}

/** One live process per Docker container, found by scanning /proc/<pid>/cgroup. */
export function dockerContainerProcesses(): ContainerProcess[] {
  const seen = new Map<string, number>();
  for (const name of readdirSync('/proc')) {
    const pid = pidFromName(name);
    if (Number.isNaN(pid)) continue;
    const text = readProcText(pid, 'cgroup');
    if (text === 'gone' || text === 'permission') continue;
    let id: string | null;
    try {
      id = dockerContainerOf(parseCgroup(text));
    } catch {
      continue; // a malformed cgroup file names no container
    }
    if (id !== null && !seen.has(id)) seen.set(id, pid);
  }
  return [...seen].map(([containerId, pid]) => ({ containerId, pid }));
}

/** The id of the Docker container that has `ip`, found through /proc (no Docker engine needed). */
export function dockerContainerForAddress(ip: string): string | null {
  return containerOwningAddress(ip, dockerContainerProcesses());
}
