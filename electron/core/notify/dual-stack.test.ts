import { describe, expect, it } from 'vitest';
import { collapseDualStack } from './dual-stack.js';
import { opened, processInfo } from './test-events.js';

describe('collapseDualStack', () => {
  it('pairs 0.0.0.0 and :: of the same process and port, IPv4 first', () => {
    const v6 = opened({ localAddress: '::', localPort: 8000 });
    const v4 = opened({ localAddress: '0.0.0.0', localPort: 8000 });
    expect(collapseDualStack([v6, v4])).toEqual([{ primary: v4, twin: v6 }]);
  });

  it('pairs 127.0.0.1 with ::1', () => {
    const entries = collapseDualStack([
      opened({ localAddress: '127.0.0.1', localPort: 5173 }),
      opened({ localAddress: '::1', localPort: 5173 }),
    ]);
    expect(entries).toHaveLength(1);
  });

  it('keeps sockets of different scopes apart (the wider exposure must be visible)', () => {
    const entries = collapseDualStack([
      opened({ localAddress: '127.0.0.1', localPort: 5173 }),
      opened({ localAddress: '::', localPort: 5173 }),
    ]);
    expect(entries).toHaveLength(2);
  });

  it('keeps different processes, ports and protocols apart', () => {
    const other = processInfo(5000, 'python3');
    expect(
      collapseDualStack([
        opened({ localAddress: '0.0.0.0', localPort: 80 }),
        opened({ localAddress: '::', localPort: 80, process: other }),
      ]),
    ).toHaveLength(2);
    expect(
      collapseDualStack([
        opened({ localAddress: '0.0.0.0', localPort: 80 }),
        opened({ localAddress: '::', localPort: 81 }),
      ]),
    ).toHaveLength(2);
    expect(
      collapseDualStack([
        opened({ localAddress: '0.0.0.0', localPort: 53 }),
        opened({ localAddress: '::', localPort: 53, protocol: 'udp' }),
      ]),
    ).toHaveLength(2);
  });

  it('treats owners that share a pid (fork, SO_REUSEPORT) as one', () => {
    const master = processInfo(100, 'nginx');
    const entries = collapseDualStack([
      opened({ localAddress: '0.0.0.0', localPort: 80, process: master, pids: [100, 101] }),
      opened({ localAddress: '::', localPort: 80, process: processInfo(101, 'nginx'), pids: [101, 102] }),
    ]);
    expect(entries).toHaveLength(1);
  });

  it('pairs two sockets whose owners are both unknown, but not an unknown with a known one', () => {
    const unknown = { process: null, pids: [] };
    expect(
      collapseDualStack([
        opened({ localAddress: '0.0.0.0', localPort: 22, ...unknown }),
        opened({ localAddress: '::', localPort: 22, ...unknown }),
      ]),
    ).toHaveLength(1);
    expect(
      collapseDualStack([
        opened({ localAddress: '0.0.0.0', localPort: 22, ...unknown }),
        opened({ localAddress: '::', localPort: 22 }),
      ]),
    ).toHaveLength(2);
  });

  it('never pairs two sockets of the same family, and pairs each socket once', () => {
    const entries = collapseDualStack([
      opened({ localAddress: '127.0.0.1', localPort: 3000 }),
      opened({ localAddress: '127.0.0.2', localPort: 3000 }),
      opened({ localAddress: '::1', localPort: 3000 }),
      opened({ localAddress: '::1', localPort: 3000, rowId: 'second-v6' }),
    ]);
    expect(entries.map((entry) => [entry.primary.localAddress, entry.twin?.localAddress ?? null])).toEqual([
      ['127.0.0.1', '::1'],
      ['127.0.0.2', '::1'],
    ]);
  });
});
