/** What the Linux collectors add to core's Collector interface. */
import type { Collector, RawSocket } from '../model.js';

/** A Collector that also reports the non-fatal problems of its last collect. */
export interface LinuxCollector extends Collector {
  /** Synchronous on Linux: the monitor calls it from its worker thread. */
  collect(): RawSocket[];
  /**
   * Problems of the last `collect()` that did not stop it: lines of ss or /proc output that
   * could not be read (each naming its line), sockets in unknown states, an inconsistent dump.
   * Replaced on every collect; empty when all went well.
   */
  readonly lastWarnings: readonly string[];
}
