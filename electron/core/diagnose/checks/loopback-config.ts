/**
 * The network configuration that breaks loopback: `lo` down or without 127.0.0.1 / ::1, and
 * IPv6 disabled by sysctl (then nothing can listen on or connect to [::1]).
 */
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Finding } from '../../../contract/diagnose-model.js';

const IFF_UP = 0x1;

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Findings about `lo` and IPv6; `sysRoot` and `procRoot` let a test point at copies. */
export function loopbackFindings(sysRoot = '/sys', procRoot = '/proc'): Finding[] {
  const findings: Finding[] = [];
  const flags = read(`${sysRoot}/class/net/lo/flags`);
  if (flags === null) findings.push({ code: 'lo-missing', severity: 'error', message: 'There is no loopback interface (lo): 127.0.0.1 cannot work. Bring it up: sudo ip link set lo up' });
  else if ((Number.parseInt(flags, 16) & IFF_UP) === 0)
    findings.push({ code: 'lo-down', severity: 'error', message: 'The loopback interface (lo) is down: nothing on 127.0.0.1 or ::1 is reachable. Bring it up: sudo ip link set lo up' });
  const lo = networkInterfaces().lo ?? [];
  if (flags !== null && !lo.some((a) => a.address === '127.0.0.1'))
    findings.push({ code: 'lo-no-ipv4', severity: 'error', message: 'lo has no 127.0.0.1 address. Add it: sudo ip addr add 127.0.0.1/8 dev lo' });
  const v6Off = read(`${procRoot}/sys/net/ipv6/conf/all/disable_ipv6`) === '1' || read(`${procRoot}/sys/net/ipv6/conf/lo/disable_ipv6`) === '1';
  const noV6 = read(`${procRoot}/net/if_inet6`) === null;
  if (v6Off || noV6)
    findings.push({ code: 'ipv6-disabled', severity: 'warning', message: `IPv6 is ${noV6 ? 'not available' : 'disabled by sysctl (net.ipv6.conf.*.disable_ipv6 = 1)'}: [::1] cannot work; servers must listen on 127.0.0.1 and clients must not try ::1` });
  else if (flags !== null && !lo.some((a) => a.address === '::1'))
    findings.push({ code: 'lo-no-ipv6', severity: 'warning', message: 'lo has no ::1 address: [::1] cannot work. Add it: sudo ip addr add ::1/128 dev lo' });
  return findings;
}
