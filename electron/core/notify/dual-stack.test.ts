import { describe, expect, it } from 'vitest';
import { collapseDualStack } from './dual-stack.js';
import { makeEvent, makeProcess } from '../../contract/testing/factories.js';

describe('collapseDualStack', () => {
  it('pairs 0.0.0.0 and :: of the same process and port, IPv4 first', () => {
    const v6 = makeEvent({ localAddress: '::', localPort: 8000 });
    const v4 = makeEvent({ localAddress: '0.0.0.0', localPort: 8000 });
    expect(collapseDualStack([v6, v4])).toEqual([{ primary: v4, twin: v6 }]);
  });

  it('pairs 127.0.0.1 with ::1', () => {
    const entries = collapseDualStack([
      makeEvent({ localAddress: '127.0.0.1', localPort: 5173 }),
      makeEvent({ localAddress: '::1', localPort: 5173 }),
    ]);
    expect(entries).toHaveLength(1);
  });

  it('keeps sockets of different scopes apart (the wider exposure must be visible)', () => {
    const entries = collapseDualStack([
      makeEvent({ localAddress: '127.0.0.1', localPort: 5173 }),
      makeEvent({ localAddress: '::', localPort: 5173 }),
    ]);
    expect(entries).toHaveLength(2);
  });

  it('keeps different processes, ports and protocols apart', () => {
    const other = makeProcess({ pid: 5000, name: 'python3' });
    expect(
      collapseDualStack([
        makeEvent({ localAddress: '0.0.0.0', localPort: 80 }),
        makeEvent({ localAddress: '::', localPort: 80, process: other }),
      ]),
    ).toHaveLength(2);
    expect(
      collapseDualStack([
        makeEvent({ localAddress: '0.0.0.0', localPort: 80 }),
        makeEvent({ localAddress: '::', localPort: 81 }),
      ]),
    ).toHaveLength(2);
    expect(
      collapseDualStack([
        makeEvent({ localAddress: '0.0.0.0', localPort: 53 }),
        makeEvent({ localAddress: '::', localPort: 53, protocol: 'udp' }),
      ]),
    ).toHaveLength(2);
  });

  it('treats owners that share a pid (fork, SO_REUSEPORT) as one', () => {
    const master = makeProcess({ pid: 100, name: 'nginx' });
    const entries = collapseDualStack([
      makeEvent({ localAddress: '0.0.0.0', localPort: 80, process: master, pids: [100, 101] }),
      makeEvent({
        localAddress: '::',
        localPort: 80,
        process: makeProcess({ pid: 101, name: 'nginx' }),
        pids: [101, 102],
      }),
    ]);
    expect(entries).toHaveLength(1);
  });

  it('pairs two sockets whose owners are both unknown, but not an unknown with a known one', () => {
    const unknown = { process: null, pids: [] };
    expect(
      collapseDualStack([
        makeEvent({ localAddress: '0.0.0.0', localPort: 22, ...unknown }),
        makeEvent({ localAddress: '::', localPort: 22, ...unknown }),
      ]),
    ).toHaveLength(1);
    expect(
      collapseDualStack([
        makeEvent({ localAddress: '0.0.0.0', localPort: 22, ...unknown }),
        makeEvent({ localAddress: '::', localPort: 22 }),
      ]),
    ).toHaveLength(2);
  });

  it('never pairs two sockets of the same family, and pairs each socket once', () => {
    const entries = collapseDualStack([
      makeEvent({ localAddress: '127.0.0.1', localPort: 3000 }),
      makeEvent({ localAddress: '127.0.0.2', localPort: 3000 }),
      makeEvent({ localAddress: '::1', localPort: 3000 }),
      makeEvent({ localAddress: '::1', localPort: 3000, rowId: 'second-v6' }),
    ]);
    expect(entries.map((entry) => [entry.primary.localAddress, entry.twin?.localAddress ?? null])).toEqual([
      ['127.0.0.1', '::1'],
      ['127.0.0.2', '::1'],
    ]);
  });
});
