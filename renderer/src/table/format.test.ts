import { describe, expect, it } from 'vitest';
import { makeRow } from '@contract/testing/factories';
import {
  browserUrl,
  formatBytes,
  formatCommand,
  formatDuration,
  formatEndpoint,
  formatRate,
  formatRemote,
  formatState,
  isListening,
} from './format';

describe('format', () => {
  it('brackets IPv6 hosts before a port', () => {
    expect(formatEndpoint('127.0.0.1', 3000, 4)).toBe('127.0.0.1:3000');
    expect(formatEndpoint('::1', 3000, 6)).toBe('[::1]:3000');
    expect(formatEndpoint('fe80::1%eth0', null, 6)).toBe('[fe80::1%eth0]');
    expect(formatRemote(makeRow({ id: 'a' }))).toBeNull();
    expect(formatRemote(makeRow({ id: 'b', family: 6, remoteAddress: '::1', remotePort: 80 }))).toBe(
      '[::1]:80',
    );
  });

  it('formats bytes and rates compactly', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatRate(null)).toBe('');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(2048)).toBe('2.0 KiB/s');
  });

  it('formats durations at a useful precision', () => {
    expect(formatDuration(999)).toBe('0s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(192_000)).toBe('3m 12s');
    expect(formatDuration(5 * 3600_000 + 3 * 60_000)).toBe('5h 03m');
    expect(formatDuration(12 * 86_400_000 + 4 * 3600_000)).toBe('12d 4h');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('quotes commands for a POSIX shell only where needed', () => {
    expect(formatCommand(['node', 'server.js', '--port=3000'])).toBe('node server.js --port=3000');
    expect(formatCommand(['sh', '-c', "echo 'hi' there"])).toBe(`sh -c 'echo '\\''hi'\\'' there'`);
    expect(formatCommand(['a', ''])).toBe("a ''");
  });

  it('builds loopback URLs for wildcard binds', () => {
    expect(browserUrl({ family: 4, localAddress: '0.0.0.0', localPort: 8080 })).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(browserUrl({ family: 6, localAddress: '::', localPort: 8080 })).toBe('http://[::1]:8080/');
    expect(browserUrl({ family: 6, localAddress: '::1', localPort: 5173 })).toBe('http://[::1]:5173/');
    expect(browserUrl({ family: 4, localAddress: '192.168.1.5', localPort: 80 })).toBe(
      'http://192.168.1.5:80/',
    );
  });

  it('names states and listeners', () => {
    expect(formatState('TIME_WAIT')).toBe('TIME-WAIT');
    expect(isListening({ protocol: 'udp', state: 'UNCONN' })).toBe(true);
    expect(isListening({ protocol: 'tcp', state: 'ESTABLISHED' })).toBe(false);
  });
});
