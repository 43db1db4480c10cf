// `explain`: IANA's categories at their edges, this machine's ephemeral range read from /proc
// (its ends in, one past them out), typos explained in words, and what listens now (a real one).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Explanation } from '../../contract/diagnose-model.js';
import { startChild, stopAllChildren, tcpListenerScript } from '../../test-support/children.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { explain } from './explain.js';
import { PORT_RANGE_FILE, readEphemeralRange } from './local-ports.js';

afterAll(stopAllChildren);

describe('explain', () => {
  it.each([
    [1, 'well-known'],
    [1023, 'well-known'],
    [1024, 'registered'],
    [49151, 'registered'],
    [49152, 'dynamic'],
    [65535, 'dynamic'],
  ] as const)('port %i is %s', (port, category) => {
    const e = Explanation.parse(explain(String(port), null));
    expect(e.category).toBe(category);
    expect(e.facts.find((f) => f.code === 'category')?.message).toContain(category === 'dynamic' ? 'dynamic' : category);
  });

  it("the ephemeral range's ends, read from the file, are in it; one past each end is not", () => {
    const [low, high] = readFileSync(PORT_RANGE_FILE, 'utf8').trim().split(/\s+/).map(Number) as [number, number];
    expect(readEphemeralRange()).toMatchObject({ low, high });
    for (const [port, inRange] of [[low - 1, false], [low, true], [high, true], [high + 1, false]] as const) {
      const e = explain(String(port), null);
      expect({ port, inRange: e.ephemeral?.inRange }).toEqual({ port, inRange });
      expect(e.facts.some((f) => f.code === (inRange ? 'ephemeral-in' : 'ephemeral-out'))).toBe(true);
    }
  });

  it('62893 against the Linux default range: dynamic to IANA, but chosen on purpose here', () => {
    const e = explain('127.0.0.1:62893', null, { low: 32768, high: 60999, reserved: [] });
    expect(e.category).toBe('dynamic');
    expect(e.facts.find((f) => f.code === 'ephemeral-out')?.message).toContain('a program chose it on purpose');
    expect(e.facts.find((f) => f.code === 'address')?.message).toMatch(/never leaves this machine/);
  });

  it('a reserved port, the services database and the developer table', () => {
    expect(explain('40000', null, { low: 32768, high: 60999, reserved: [[40000, 40010]] }).ephemeral).toMatchObject({ inRange: true, reserved: true });
    const redis = explain('6379', null);
    expect(redis.services.map((s) => s.source)).toContain('developer');
    expect(explain('22', null).services.some((s) => s.source === 'services' && s.name === 'ssh')).toBe(
      readFileSync('/etc/services', { encoding: 'utf8', flag: 'r' }).includes('22/tcp'),
    );
  });

  it('an impossible port and a non-local address get a plain explanation', () => {
    const typo = explain('localhost:619009', null);
    expect(typo.port).toBeNull();
    expect(typo.facts[0]).toMatchObject({ code: 'impossible', severity: 'error' });
    expect(typo.facts[0]?.message).toBe('619009 is not a port: ports are 16-bit numbers, 0–65535, so no program can listen on it (a typo? 61900 and 6190 are ports)');
    expect(explain('203.0.113.9:80', null).facts[0]?.message).toMatch(/203\.0\.113\.9 is not an address of this machine/);
    expect(explain('http://localhost/', null).port).toBe(80);
  });

  it('says what listens on the port now, and whether it accepts the address asked', async () => {
    const child = await startChild(tcpListenerScript('::1'));
    const port = child.ready.port as number;
    const e = explain(`127.0.0.1:${port}`, await takeSnapshot());
    expect(e.listeners).toEqual([expect.objectContaining({ pid: child.pid, localAddress: '::1', accepts: false })]);
    expect(e.facts.find((f) => f.code === 'listener')?.message).toBe(
      `Now: node (pid ${child.pid}) listens on [::1]:${port} (IPv6 loopback only), which does NOT accept 127.0.0.1.`,
    );
  });
});
