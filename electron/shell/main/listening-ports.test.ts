import { describe, expect, it, vi } from 'vitest';
import { diffSnapshots } from '../../core/diff/diff-snapshots.js';
import { LiveSnapshot } from '../../core/diff/live-snapshot.js';
import { ListeningPorts, listeningPorts } from './listening-ports.js';
import { makeProcess, makeRow, makeSnapshot } from '../../contract/testing/factories.js';

/** The owner of this file's rows unless they name another. */
const node = makeProcess({ pid: 4242, name: 'node' });

const vite = makeRow({ id: 'vite4', localPort: 5173, pids: [4242] });
const vite6 = makeRow({ id: 'vite6', localPort: 5173, localAddress: '::1', pids: [4242] });
const client = makeRow({
  pids: [4242],
  id: 'c1',
  localPort: 40000,
  state: 'ESTABLISHED',
  remoteAddress: '127.0.0.1',
  remotePort: 5173,
});
const mdns = makeRow({
  id: 'mdns',
  localPort: 5353,
  protocol: 'udp',
  state: 'UNCONN',
  localAddress: '0.0.0.0',
  scope: 'all',
  pids: [77],
});
const ssh = makeRow({
  id: 'ssh',
  localPort: 22,
  localAddress: '0.0.0.0',
  scope: 'all',
  pids: [],
  ownerReason: 'permission',
});

describe('listeningPorts', () => {
  it('lists listening TCP and bound UDP ports by port, one per dual-stack pair, owners named', () => {
    const ports = listeningPorts(
      new LiveSnapshot(
        makeSnapshot(
          1,
          [vite6, client, vite, mdns, ssh],
          [node, makeProcess({ pid: 77, name: 'avahi-daemon' })],
        ),
      ),
    );
    expect(ports).toEqual([
      { rowId: 'ssh', port: 22, protocol: 'tcp', owner: null },
      { rowId: 'vite4', port: 5173, protocol: 'tcp', owner: 'node' },
      { rowId: 'mdns', port: 5353, protocol: 'udp', owner: 'avahi-daemon' },
    ]);
  });

  it('names an owner without process details by pid', () => {
    expect(listeningPorts(new LiveSnapshot(makeSnapshot(1, [vite], [])))[0]?.owner).toBe('pid 4242');
  });
});

describe('ListeningPorts', () => {
  it('follows the live snapshot through real deltas, reporting a change only when the listening set changes', () => {
    const tracker = new ListeningPorts();
    const first = makeSnapshot(1, [vite, client], [node]);
    const live = new LiveSnapshot(first);
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.counts()).toEqual({ listening: 1, sockets: 2 });

    // Traffic on the connection only: same listening set, no menu rebuild.
    const second = makeSnapshot(2, [vite, { ...client, bytesSent: 500 }], [node]);
    live.apply(diffSnapshots(first, second));
    expect(tracker.refresh(live)).toBe(false);

    const third = makeSnapshot(
      3,
      [vite, { ...client, bytesSent: 500 }, mdns],
      [node, makeProcess({ pid: 77, name: 'avahi-daemon' })],
    );
    live.apply(diffSnapshots(second, third));
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.list().map((p) => p.port)).toEqual([5173, 5353]);
    expect(tracker.counts()).toEqual({ listening: 2, sockets: 3 });

    const fourth = makeSnapshot(4, [mdns], [makeProcess({ pid: 77, name: 'avahi-daemon' })]);
    live.apply(diffSnapshots(third, fourth));
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.list().map((p) => p.rowId)).toEqual(['mdns']);
  });

  it('reads the rows in place: it never has the live snapshot build a copy', () => {
    const first = makeSnapshot(1, [vite, client], [node]);
    const live = new LiveSnapshot(first);
    live.apply(
      diffSnapshots(
        first,
        makeSnapshot(2, [vite, client, mdns], [node, makeProcess({ pid: 77, name: 'avahi-daemon' })]),
      ),
    );
    const build = vi.spyOn(live, 'snapshot');
    const tracker = new ListeningPorts();
    tracker.refresh(live);
    expect(tracker.list().map((p) => p.owner)).toEqual(['node', 'avahi-daemon']);
    expect(build).not.toHaveBeenCalled();
  });

  it('shows nothing before the first snapshot', () => {
    const tracker = new ListeningPorts();
    expect(tracker.refresh(null)).toBe(false);
    expect(tracker.list()).toEqual([]);
    expect(tracker.counts()).toEqual({ listening: 0, sockets: 0 });
    expect(tracker.refresh(new LiveSnapshot(makeSnapshot(1, [vite], [node])))).toBe(true);
  });
});
