// addressAccepts (which listeners an address:port target selects) and, on top of it, target
// resolution: text that is not an address never selects a process, whatever it is bound to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../contract/api.js';
import { ipLiteral, notAddress } from '../../contract/testing/address-arbitraries.js';
import { readIp } from '../../contract/target-address.js';
import { makeProcess, makeRow, makeSnapshot } from '../../contract/testing/factories.js';
import type { Snapshot } from '../model.js';
import { createActionDeps } from './create-deps.js';
import type { ActionDeps, ProcessReader } from './deps.js';
import { addressAccepts } from './held-ports.js';
import { previewKill } from './kill.js';

/** Every kind of address a listener is bound to. */
const BOUND = [
  '0.0.0.0',
  '::',
  '127.0.0.1',
  '127.0.0.2',
  '::1',
  '::ffff:127.0.0.1',
  '::ffff:0.0.0.0',
  '192.168.1.10',
  'fe80::1',
  '2001:db8::1',
];
const V6_ONLY = [true, false, null, undefined] as const;

describe('addressAccepts', () => {
  it.each([
    // bound, wanted, accepted on a dual-stack (or unknown) socket, accepted when IPv6-only
    ['127.0.0.1', '127.0.0.1', true, true],
    ['127.0.0.1', '::ffff:127.0.0.1', true, true],
    ['::ffff:127.0.0.1', '127.0.0.1', true, true],
    ['127.0.0.1', '127.0.0.2', false, false],
    ['127.0.0.1', '::1', false, false],
    ['127.0.0.1', '0.0.0.0', false, false],
    ['0.0.0.0', '0.0.0.0', true, true],
    ['0.0.0.0', '127.0.0.1', true, true],
    ['0.0.0.0', '192.168.1.10', true, true],
    ['0.0.0.0', '::ffff:10.0.0.1', true, true],
    ['0.0.0.0', '::1', false, false],
    ['0.0.0.0', '::', false, false],
    ['0.0.0.0', 'fe80::1', false, false],
    ['::', '::', true, true],
    ['::', '::1', true, true],
    ['::', '0:0:0:0:0:0:0:1', true, true],
    ['::', 'fe80::1', true, true],
    ['::', '127.0.0.1', true, false],
    ['::', '0.0.0.0', true, false],
    ['::', '::ffff:127.0.0.1', true, false],
    ['::1', '::1', true, true],
    ['::1', '0:0:0:0:0:0:0:1', true, true],
    ['::1', '127.0.0.1', false, false],
    ['::1', '::', false, false],
    ['fe80::1', 'FE80:0:0:0:0:0:0:1', true, true],
    ['::ffff:0.0.0.0', '10.1.2.3', true, true],
    // localhost: 127.0.0.1 or ::1, and the wildcards per family
    ['127.0.0.1', 'localhost', true, true],
    ['::1', 'localhost', true, true],
    ['::ffff:127.0.0.1', 'localhost', true, true],
    ['0.0.0.0', 'localhost', true, true],
    ['::', 'localhost', true, true],
    ['::', 'LOCALHOST', true, true],
    ['127.0.0.53', 'localhost', false, false],
    ['192.168.1.10', 'localhost', false, false],
    // `*`: any address
    ['192.168.1.10', '*', true, true],
    ['::1', '*', true, true],
  ] as const)('bound %s, wanted %s: %s (IPv6-only socket: %s)', (bound, wanted, dualStack, v6Only) => {
    expect(addressAccepts(bound, wanted)).toBe(dualStack);
    expect(addressAccepts(bound, wanted, null)).toBe(dualStack);
    expect(addressAccepts(bound, wanted, false)).toBe(dualStack);
    expect(addressAccepts(bound, wanted, true)).toBe(v6Only);
  });

  it.each([
    'no.such.host',
    '[zz]',
    '1.2.3',
    '256.1.1.1',
    '::g',
    '',
    ' ',
    '127.0.0.1 ',
    '010.0.0.1',
    'fe80::1%lo',
    '[::1]',
    '１２７.0.0.1',
  ])('the non-address %j accepts nothing', (wanted) => {
    for (const bound of BOUND)
      for (const v6Only of V6_ONLY) expect(addressAccepts(bound, wanted, v6Only)).toBe(false);
  });

  it('text that is not an address accepts nothing, against every kind of bound address', () => {
    fc.assert(
      fc.property(
        notAddress,
        fc.oneof(fc.constantFrom(...BOUND), ipLiteral),
        fc.constantFrom(...V6_ONLY),
        (wanted, bound, v6Only) => {
          expect(addressAccepts(bound, wanted, v6Only)).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a listener bound to text that is not an address is selected by no address (only by `*`)', () => {
    fc.assert(
      fc.property(notAddress, fc.oneof(ipLiteral, fc.constant('localhost')), (bound, wanted) => {
        expect(addressAccepts(bound, wanted)).toBe(false);
      }),
    );
  });

  it('a specific address accepts exactly itself, in any spelling; a wildcard accepts its own family', () => {
    fc.assert(
      fc.property(ipLiteral, ipLiteral, fc.constantFrom(...V6_ONLY), (bound, wanted, v6Only) => {
        const b = readIp(bound);
        const w = readIp(wanted);
        if (!b || !w) throw new Error('ipLiteral made a non-address');
        const expected =
          b.address === w.address ||
          (b.address === '0.0.0.0' && w.family === 4) ||
          (b.address === '::' && (w.family === 6 || v6Only !== true));
        expect(addressAccepts(bound, wanted, v6Only)).toBe(expected);
        expect(addressAccepts(bound, bound.toUpperCase(), v6Only)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('resolving an address:port target (a fixed snapshot, no real processes)', () => {
  const PORT = 8080;
  /** One listener per kind of bound address, each owned by its own (made-up) pid. */
  const owners = BOUND.map((address, i) => ({ address, pid: 4_100_001 + i }));
  /** A made-up process, as the reader's stat below describes it. */
  const madeUp = (pid: number) => makeProcess({ pid, name: `proc${pid}`, startTime: pid * 10 });
  const snapshot: Snapshot = makeSnapshot(
    1,
    [
      ...owners.map(({ address, pid }) =>
        makeRow({
          id: `tcp#${pid}`,
          localAddress: address,
          localPort: PORT,
          family: address.includes(':') ? 6 : 4,
          pids: [pid],
        }),
      ),
      // A row with an address no collector prints: nothing but `*` selects it either.
      makeRow({ id: 'tcp#junk', localAddress: 'no.such.host', localPort: PORT, pids: [4_100_999] }),
    ],
    [...owners.map(({ pid }) => madeUp(pid)), madeUp(4_100_999)],
  );
  const reader: ProcessReader = {
    stat: (pid) => ({ pid, comm: `proc${pid}`, state: 'S', ppid: 1, startTime: pid * 10 }),
    info: (pid) => madeUp(pid),
    environ: () => ({ ok: false, reason: 'permission' }),
    descendants: () => [],
    isKernelThread: () => false,
    gid: () => null,
  };
  const deps: ActionDeps = createActionDeps({
    dataDir: '/nonexistent/portlens-test',
    snapshot: () => Promise.resolve(snapshot),
    processes: reader,
    selfPid: 4_200_000,
    signaller: {
      mechanism: 'none',
      send: () => {
        throw new Error('a preview must not signal');
      },
    },
  });
  const selected = async (address: string | null): Promise<number[]> => {
    const target: Target = { kind: 'port', port: PORT, address };
    const preview = await previewKill(target, deps);
    if (!preview.ok) {
      expect(preview.error.code).toBe('not-found');
      return [];
    }
    return preview.value.subjects.map((s) => s.process.pid).sort((a, b) => a - b);
  };
  const pidsOf = (...addresses: string[]): number[] =>
    owners.filter((o) => addresses.includes(o.address)).map((o) => o.pid);

  it('selects the listeners that accept the address', async () => {
    expect(await selected('127.0.0.1')).toEqual(
      pidsOf('0.0.0.0', '::', '127.0.0.1', '::ffff:127.0.0.1', '::ffff:0.0.0.0'),
    );
    expect(await selected('::1')).toEqual(pidsOf('::', '::1'));
    expect(await selected('localhost')).toEqual(
      pidsOf('0.0.0.0', '::', '127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:0.0.0.0'),
    );
    expect(await selected('fe80::1')).toEqual(pidsOf('::', 'fe80::1'));
    expect(await selected('10.9.9.9')).toEqual(pidsOf('0.0.0.0', '::', '::ffff:0.0.0.0'));
    expect(await selected('2001:db8::2')).toEqual(pidsOf('::'));
    expect((await selected(null)).length).toBe(owners.length + 1);
  });

  it('text that is not an address (had it got past the schema) selects no process', async () => {
    await fc.assert(
      fc.asyncProperty(notAddress, async (address) => {
        expect(await selected(address)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
