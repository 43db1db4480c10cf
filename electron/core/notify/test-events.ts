/** Test helper: port events built the way diffSnapshots builds them, checked by the contract schema. */
import { PortEvent, type ProcessInfo } from '../../contract/model.js';

/** A process as the owner resolver reports it. */
export function processInfo(pid: number, name: string, argv: string[] = [name]): ProcessInfo {
  return {
    pid,
    startTime: 1000 + pid,
    startedAt: 1_700_000_000_000,
    name,
    exe: `/usr/bin/${name}`,
    argv,
    cwd: '/home/dev/app',
    uid: 1000,
    user: 'dev',
    ppid: 1,
    service: null,
  };
}

/** A `listen-opened` event (override any field); validated so a test cannot build an impossible one. */
export function opened(
  overrides: Partial<PortEvent> & { localAddress: string; localPort: number },
): PortEvent {
  const family = overrides.family ?? (overrides.localAddress.includes(':') ? 6 : 4);
  const process = overrides.process === undefined ? processInfo(4242, 'node') : overrides.process;
  return PortEvent.parse({
    type: 'listen-opened',
    time: 1_700_000_001_000,
    rowId: `tcp:${overrides.localAddress}:${overrides.localPort}`,
    protocol: 'tcp',
    scope: scopeOf(overrides.localAddress),
    pids: process ? [process.pid] : [],
    ...overrides,
    family,
    process,
  });
}

function scopeOf(address: string): PortEvent['scope'] {
  if (address.startsWith('127.') || address === '::1') return 'loopback';
  if (address === '0.0.0.0' || address === '::') return 'all';
  return 'address';
}
