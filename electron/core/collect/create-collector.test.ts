import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorError } from '../model.js';
import { createCollector, pickCollector } from './create-collector.js';
import { ProcNetCollector } from './proc-net-collector.js';
import { SsCollector } from './ss-collector.js';
import { withoutTools } from '../../test-support/system-tools.js';

/** Why `prefer: ss` is not tried here (no iproute2), or null. */
const noSs = withoutTools('ss');

describe('createCollector', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('picks netlink on this machine, with no warnings', () => {
    const { collector, warnings } = createCollector();
    try {
      expect(collector.source).toBe('netlink');
      expect(warnings).toEqual([]);
      expect(collector.collect()).toContainEqual(
        expect.objectContaining({ localPort: port, state: 'LISTEN' }),
      );
    } finally {
      collector.close();
    }
  });

  it.for(['netlink', 'ss', 'proc'] as const)(
    'honours prefer: %s, and that collector lists our listener',
    (prefer, { skip }) => {
      skip(prefer === 'ss' && noSs !== null, noSs ?? undefined);
      const { collector, warnings } = createCollector({ prefer });
      try {
        expect(collector.source).toBe(prefer);
        expect(warnings).toEqual([]);
        expect(collector.collect()).toContainEqual(
          expect.objectContaining({
            protocol: 'tcp',
            localAddress: '127.0.0.1',
            localPort: port,
            state: 'LISTEN',
          }),
        );
      } finally {
        collector.close();
      }
    },
  );

  it('passes over a collector whose first collect fails, with a warning naming why', () => {
    const { collector, warnings } = pickCollector([
      { source: 'ss', create: () => new SsCollector({ command: '/nonexistent/ss' }) },
      { source: 'proc', create: () => new ProcNetCollector() },
    ]);
    expect(collector.source).toBe('proc');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^ss collector unavailable \(.*ENOENT.*\); using proc$/);
  });

  it('throws CollectorError naming every failure when no source works', () => {
    const attempt = () =>
      pickCollector([
        { source: 'ss', create: () => new SsCollector({ command: '/nonexistent/ss' }) },
        { source: 'proc', create: () => new ProcNetCollector({ directory: '/nonexistent/net' }) },
      ]);
    expect(attempt).toThrow(CollectorError);
    expect(attempt).toThrow(/ss collector unavailable.*proc collector unavailable/);
  });
});
