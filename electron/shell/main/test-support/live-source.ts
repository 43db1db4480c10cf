/** Test helper: a monitor host's live snapshot, driven by the test. */
import { Emitter } from '../../../contract/events.js';
import type { Delta, Snapshot } from '../../../contract/model.js';
import { LiveSnapshot } from '../../../core/diff/live-snapshot.js';
import type { LiveSnapshotSource, SnapshotView } from '../../../core/monitor/monitor-host.js';

/**
 * A monitor host's live snapshot as the tray reads it: `show` starts over from a snapshot,
 * `apply` applies a delta in place; each fires `onDidChange`, as the host does.
 */
export function liveSource(): LiveSnapshotSource & { show(snapshot: Snapshot): void; apply(delta: Delta): void; listeners(): number } {
  const changes = new Emitter<SnapshotView>();
  let live: LiveSnapshot | null = null;
  return {
    view: () => live,
    onDidChange: changes.event,
    show(next) {
      live = new LiveSnapshot(next);
      changes.fire(live);
    },
    apply(delta) {
      if (!live) throw new Error('apply before show');
      live.apply(delta);
      changes.fire(live);
    },
    listeners: () => changes.size,
  };
}
