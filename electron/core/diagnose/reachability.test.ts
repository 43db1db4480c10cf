// The reachability judgement (contract/reachability.ts) against the kernel: real listeners of
// every kind (exact, 127.x, ::1, 0.0.0.0, dual-stack and IPv6-only [::]) and a real connect to
// each target address; the judgement must say what the connect does. Then the same judgement in
// kill's target matching, which must not pick an IPv6-only socket for 127.0.0.1.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitOf, reachWords, scopeLabel } from '../../contract/reachability.js';
import { readIp } from '../../contract/target-address.js';
import { startChild, stopAllChildren, type Child } from '../../test-support/children.js';
import { previewKill } from '../actions/kill.js';
import { testDeps, ACTION_TEST_TIMEOUT_MS } from '../actions/test-support/test-deps.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One child holding one listener of each kind; prints their ports by name. */
const LISTENERS_SCRIPT = `
const net = require('node:net');
const listen = (options) => new Promise((resolve, reject) => { const s = net.createServer((c) => c.destroy()); s.once('error', reject); s.listen({ port: 0, ...options }, () => resolve(s.address().port)); });
(async () => {
  console.log(JSON.stringify({
    v4: await listen({ host: '127.0.0.1' }),
    v4Other: await listen({ host: '127.0.0.2' }),
    v6: await listen({ host: '::1' }),
    any4: await listen({ host: '0.0.0.0' }),
    dual: await listen({ host: '::', ipv6Only: false }),
    v6OnlyAny: await listen({ host: '::', ipv6Only: true }),
  }));
})();
`;

/** Does a TCP connect to address:port succeed right now? */
function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

let child: Child;
beforeAll(async () => {
  child = await startChild(LISTENERS_SCRIPT);
});
afterAll(stopAllChildren);

describe('reachability against the kernel', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1'])('the judgement for target %s is what a real connect does', async (address) => {
    const snapshot = await takeSnapshot();
    const target = readIp(address)!;
    for (const [kind, port] of Object.entries(child.ready) as [string, number][]) {
      const row = snapshot.sockets.find((r) => r.localPort === port && r.state === 'LISTEN' && r.pids.includes(child.pid));
      expect(row, kind).toBeDefined();
      const fit = fitOf(row!, target);
      expect({ kind, accepts: fit.accepts }).toEqual({ kind, accepts: await connects(address, port) });
    }
  });

  it('reads IPV6_V6ONLY and words an IPv6-only [::] socket as IPv6 only, in the badge too', async () => {
    const snapshot = await takeSnapshot();
    const only = snapshot.sockets.find((r) => r.localPort === child.ready.v6OnlyAny && r.state === 'LISTEN')!;
    const dual = snapshot.sockets.find((r) => r.localPort === child.ready.dual && r.state === 'LISTEN')!;
    expect(only.v6Only).toBe(true);
    expect(dual.v6Only).toBe(false);
    expect(fitOf(only, readIp('127.0.0.1')!)).toEqual({ accepts: false, why: 'v6-only' });
    expect(fitOf(dual, readIp('127.0.0.1')!)).toEqual({ accepts: true, how: 'dual-stack', assumed: false });
    expect(reachWords(only)).toBe('all IPv6 interfaces, IPv6-only');
    expect(reachWords(dual)).toBe('all interfaces, IPv4 and IPv6');
    expect(scopeLabel(only)).toBe('all IPv6 interfaces');
    expect(scopeLabel(dual)).toBe('all interfaces');
  });

  it('an unknown IPV6_V6ONLY is taken as dual-stack and said to be assumed', () => {
    const row = { family: 6 as const, localAddress: '::', v6Only: null };
    expect(fitOf(row, readIp('127.0.0.1')!)).toEqual({ accepts: true, how: 'dual-stack', assumed: true });
    expect(reachWords(row)).toMatch(/unless IPv6-only/);
  });

  it(
    'kill never selects an IPv6-only [::] listener for 127.0.0.1, and does for [::1]',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'portlens-reach-'));
      try {
        const deps = testDeps(dir);
        const v4 = await previewKill({ kind: 'port', port: child.ready.v6OnlyAny as number, address: '127.0.0.1' }, deps);
        expect(v4.ok ? 'selected' : v4.error.code).toBe('not-found');
        const v6 = await previewKill({ kind: 'port', port: child.ready.v6OnlyAny as number, address: '::1' }, deps);
        expect(v6.ok ? v6.value.subjects.map((s) => s.process.pid) : v6.error.message).toEqual([child.pid]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    ACTION_TEST_TIMEOUT_MS,
  );
});
