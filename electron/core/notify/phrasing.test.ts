import { describe, expect, it } from 'vitest';
import { commandLine, endpoint, exposure, ownerName } from './phrasing.js';
import { makeEvent, makeProcess } from '../../contract/testing/factories.js';

describe('endpoint', () => {
  it('writes IPv4 as address:port', () => {
    expect(endpoint(makeEvent({ localAddress: '127.0.0.1', localPort: 5173 }))).toBe('127.0.0.1:5173');
  });
  it('brackets IPv6 addresses, including the wildcard and scoped link-local ones', () => {
    expect(endpoint(makeEvent({ localAddress: '::1', localPort: 5173 }))).toBe('[::1]:5173');
    expect(endpoint(makeEvent({ localAddress: '::', localPort: 80 }))).toBe('[::]:80');
    expect(endpoint(makeEvent({ localAddress: 'fe80::1%eth0', localPort: 22 }))).toBe('[fe80::1%eth0]:22');
    expect(endpoint(makeEvent({ localAddress: '::ffff:127.0.0.1', localPort: 8080 }))).toBe(
      '[::ffff:127.0.0.1]:8080',
    );
  });
  it('marks UDP ports', () => {
    expect(endpoint(makeEvent({ localAddress: '0.0.0.0', localPort: 5353, protocol: 'udp' }))).toBe(
      '0.0.0.0:5353/udp',
    );
  });
});

describe('ownerName', () => {
  it('uses the process name, then the pid, then null', () => {
    expect(ownerName(makeEvent({ localAddress: '127.0.0.1', localPort: 1 }))).toBe('node');
    expect(ownerName(makeEvent({ localAddress: '127.0.0.1', localPort: 1, process: null, pids: [77] }))).toBe(
      'pid 77',
    );
    expect(
      ownerName(makeEvent({ localAddress: '127.0.0.1', localPort: 1, process: null, pids: [] })),
    ).toBeNull();
  });
  it('falls back to the pid when the name is blank', () => {
    expect(
      ownerName(
        makeEvent({ localAddress: '127.0.0.1', localPort: 1, process: makeProcess({ pid: 9, name: ' ' }) }),
      ),
    ).toBe('pid 9');
  });
});

describe('exposure', () => {
  it('says who can connect for each scope', () => {
    expect(exposure(makeEvent({ localAddress: '127.0.0.1', localPort: 1 }))).toMatch(/this machine only/);
    expect(exposure(makeEvent({ localAddress: '::', localPort: 1 }))).toMatch(/all interfaces/);
    expect(exposure(makeEvent({ localAddress: '192.168.1.5', localPort: 1 }))).toMatch(/at 192\.168\.1\.5/);
  });

  it('says an IPv6-only wildcard reaches all IPv6 interfaces and not IPv4', () => {
    const text = exposure(makeEvent({ localAddress: '::', localPort: 1, v6Only: true }));
    expect(text).toMatch(/all IPv6 interfaces/);
    expect(text).toMatch(/not over IPv4/);
    expect(exposure(makeEvent({ localAddress: '::', localPort: 1, v6Only: false }))).toBe('Reachable from other machines (all interfaces).');
  });
});

describe('commandLine', () => {
  it('shows pid and argv, cut with an ellipsis when long', () => {
    const event = makeEvent({
      localAddress: '127.0.0.1',
      localPort: 1,
      process: makeProcess({ pid: 5, name: 'node', argv: ['node', 'x'.repeat(300)] }),
    });
    const line = commandLine(event, 40);
    expect(line).toHaveLength(40);
    expect(line?.startsWith('pid 5 · node xx')).toBe(true);
    expect(line?.endsWith('…')).toBe(true);
  });
  it('is null without a process', () => {
    expect(commandLine(makeEvent({ localAddress: '127.0.0.1', localPort: 1, process: null }))).toBeNull();
  });
});
