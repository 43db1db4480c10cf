/**
 * A quiet delta changes nothing a subscriber shows but the snapshot's time: the monitor may
 * leave it unannounced, which is most ticks on an idle machine.
 */
import type { Delta, Snapshot } from '../model.js';

/** True when `delta`, applied to `previous`, changes nothing but `time` and `seq`. */
export function isQuietDelta(delta: Delta, previous: Snapshot): boolean {
  return (
    delta.added.length === 0 &&
    delta.removed.length === 0 &&
    delta.changed.length === 0 &&
    delta.processesUpserted.length === 0 &&
    delta.processesRemoved.length === 0 &&
    delta.events.length === 0 &&
    delta.hiddenOwners === previous.hiddenOwners &&
    delta.source === previous.source &&
    delta.warnings.length === previous.warnings.length &&
    delta.warnings.every((warning, i) => warning === previous.warnings[i])
  );
}
