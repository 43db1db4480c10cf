import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addressIn,
  containerOwningAddress,
  dockerContainerProcesses,
  dockerProxyTarget,
  namespaceAddresses,
  parseFibTrieLocal,
  parseIfInet6,
} from './docker-proxy.js';

const sample = (name: string): string =>
  readFileSync(new URL(`./fixtures/net/${name}`, import.meta.url), 'utf8');

describe('dockerProxyTarget', () => {
  it('reads docker-proxy flags in every Go flag spelling', () => {
    const argv = [
      '/usr/bin/docker-proxy',
      '-proto',
      'tcp',
      '-host-ip',
      '0.0.0.0',
      '-host-port',
      '8080',
      '-container-ip',
      '172.17.0.2',
      '-container-port',
      '80',
    ];
    expect(dockerProxyTarget(argv)).toEqual({
      proto: 'tcp',
      hostIp: '0.0.0.0',
      hostPort: 8080,
      containerIp: '172.17.0.2',
      containerPort: 80,
    });
    expect(
      dockerProxyTarget([
        'docker-proxy',
        '--container-ip=fd00::a002',
        '-container-port=443',
        '-use-listen-fd',
      ]),
    ).toMatchObject({
      containerIp: 'fd00::a002',
      containerPort: 443,
      hostPort: null,
    });
  });

  it('is null for other programs and for a missing or invalid container IP', () => {
    expect(dockerProxyTarget(['/usr/bin/node', '-container-ip', '172.17.0.2'])).toBeNull();
    expect(dockerProxyTarget(['/usr/bin/docker-proxy', '-proto', 'tcp'])).toBeNull();
    expect(dockerProxyTarget(['/usr/bin/docker-proxy', '-container-ip', 'not-an-ip'])).toBeNull();
    expect(dockerProxyTarget([])).toBeNull();
  });
});

describe('network namespace addresses', () => {
  it('reads local IPv4 addresses from fib_trie (real-format container sample and this host)', () => {
    expect(parseFibTrieLocal(sample('fib_trie-container.txt')).sort()).toEqual(['127.0.0.1', '172.17.0.2']);
    expect(parseFibTrieLocal(sample('fib_trie-host.txt'))).toContain('127.0.0.1');
    expect(parseFibTrieLocal('nonsense\n|-- not-an-ip\n   /32 host LOCAL\n')).toEqual([]);
  });

  it('reads IPv6 addresses from if_inet6 and compares textual forms as addresses', () => {
    const addresses = parseIfInet6(sample('if_inet6-container.txt'));
    expect(addresses).toHaveLength(3);
    expect(addressIn('::1', addresses)).toBe(true);
    expect(addressIn('fd00::a002', addresses)).toBe(true);
    expect(addressIn('fd00::a003', addresses)).toBe(false);
    expect(addressIn('not an address', addresses)).toBe(false);
  });

  it('finds which namespace holds an address, using a real process as the candidate (stub container id)', () => {
    expect(namespaceAddresses(process.pid)).toContain('127.0.0.1');
    const candidates = [{ containerId: 'stub-container', pid: process.pid }];
    expect(containerOwningAddress('127.0.0.1', candidates)).toBe('stub-container');
    expect(containerOwningAddress('::1', candidates)).toBe('stub-container');
    expect(containerOwningAddress('10.255.255.254', candidates)).toBeNull();
  });

  it('lists no container processes on this machine (no Docker here) without error', () => {
    expect(dockerContainerProcesses()).toEqual([]);
  });
});
