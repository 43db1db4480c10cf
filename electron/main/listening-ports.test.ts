import { describe, expect, it, vi } from 'vitest';
import { diffSnapshots } from '../core/diff/diff-snapshots.js';
import { LiveSnapshot } from '../core/diff/live-snapshot.js';
import { ListeningPorts, listeningPorts } from './listening-ports.js';
import { proc, row, snapshot } from './test-snapshots.js';

const vite = row({ id: 'vite4', localPort: 5173 });
const vite6 = row({ id: 'vite6', localPort: 5173, localAddress: '::1' });
const client = row({
  id: 'c1',
  localPort: 40000,
  state: 'ESTABLISHED',
  remoteAddress: '127.0.0.1',
  remotePort: 5173,
});
const mdns = row({
  id: 'mdns',
  localPort: 5353,
  protocol: 'udp',
  state: 'UNCONN',
  localAddress: '0.0.0.0',
  scope: 'all',
  pids: [77],
});
const ssh = row({
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
      new LiveSnapshot(snapshot(1, [vite6, client, vite, mdns, ssh], [proc(4242, 'node'), proc(77, 'avahi-daemon')])),
    );
    expect(ports).toEqual([
      { rowId: 'ssh', port: 22, protocol: 'tcp', owner: null },
      { rowId: 'vite4', port: 5173, protocol: 'tcp', owner: 'node' },
      { rowId: 'mdns', port: 5353, protocol: 'udp', owner: 'avahi-daemon' },
    ]);
  });

  it('names an owner without process details by pid', () => {
    expect(listeningPorts(new LiveSnapshot(snapshot(1, [vite], [])))[0]?.owner).toBe('pid 4242');
  });
});

describe('ListeningPorts', () => {
  it('follows the live snapshot through real deltas, reporting a change only when the listening set changes', () => {
    const tracker = new ListeningPorts();
    const first = snapshot(1, [vite, client]);
    const live = new LiveSnapshot(first);
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.counts()).toEqual({ listening: 1, sockets: 2 });

    // Traffic on the connection only: same listening set, no menu rebuild.
    const second = snapshot(2, [vite, { ...client, bytesSent: 500 }]);
    live.apply(diffSnapshots(first, second));
    expect(tracker.refresh(live)).toBe(false);

    const third = snapshot(
      3,
      [vite, { ...client, bytesSent: 500 }, mdns],
      [proc(4242, 'node'), proc(77, 'avahi-daemon')],
    );
    live.apply(diffSnapshots(second, third));
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.list().map((p) => p.port)).toEqual([5173, 5353]);
    expect(tracker.counts()).toEqual({ listening: 2, sockets: 3 });

    const fourth = snapshot(4, [mdns], [proc(77, 'avahi-daemon')]);
    live.apply(diffSnapshots(third, fourth));
    expect(tracker.refresh(live)).toBe(true);
    expect(tracker.list().map((p) => p.rowId)).toEqual(['mdns']);
  });

  it('reads the rows in place: it never has the live snapshot build a copy', () => {
    const first = snapshot(1, [vite, client]);
    const live = new LiveSnapshot(first);
    live.apply(diffSnapshots(first, snapshot(2, [vite, client, mdns], [proc(4242, 'node'), proc(77, 'avahi-daemon')])));
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
    expect(tracker.refresh(new LiveSnapshot(snapshot(1, [vite])))).toBe(true);
  });
});
