/** The pipeline wired to the real OS: the best available collector and /proc owner lookup. */
import { createCollector } from '../collect/create-collector.js';
import { OwnerResolver, ProcessCache, type OwnerResolverOptions } from '../owners/index.js';
import { OneShotOwners } from '../one-shot/one-shot-owners.js';
import { WindowsProcesses } from '../owners/windows/windows-processes.js';
import type { Snapshot, SnapshotSource } from '../model.js';
import { SnapshotPipeline, type ProcessLookup } from './pipeline.js';

export interface PipelineOptions {
  /** Use this source (tests, `--source`); otherwise netlink, then ss, then /proc/net. */
  prefer?: SnapshotSource;
  /** Owner resolver tuning; the resolver's defaults otherwise. */
  owners?: OwnerResolverOptions;
}

/**
 * The long-running monitor's resolver: a full fd rescan (every fd table on the machine) only
 * once a minute instead of every 10 s, the largest steady cost at idle. New sockets are still
 * found within one tick by the incremental search; only drift (an fd passed to another process
 * whose sender then closed its copy) waits longer. Actions keep the defaults: they kill by owner.
 */
export const MONITOR_OWNER_OPTIONS: OwnerResolverOptions = { fullRescanEveryCalls: 60, fullRescanIntervalMs: 60_000 };

/** A pipeline over the real machine, the warnings collector selection produced, and its closer. */
export interface DefaultPipeline {
  pipeline: SnapshotPipeline;
  warnings: string[];
  close(): void;
}

/** A pipeline over the real machine. */
export function createDefaultPipeline(options: PipelineOptions = {}): DefaultPipeline {
  const { collector, warnings } = createCollector(options.prefer ? { prefer: options.prefer } : {});
  const owners = new OwnerResolver(options.owners ?? {});
  const pipeline = new SnapshotPipeline({ collector, owners, processes: platformProcesses(), warnings });
  return { pipeline, warnings, close: () => collector.close() };
}

/** Options of a one-shot snapshot. */
export interface OneShotOptions {
  /** Use this source (tests, `--source`); otherwise netlink, then ss, then /proc/net. */
  prefer?: SnapshotSource;
}

/**
 * One snapshot of the machine now (the CLI's `who`, the actions' checks, and `list` where
 * netlink is missing or not wanted): the fd tables read whole right after the dump, nothing
 * kept for a next poll.
 */
export async function takeSnapshot(options: OneShotOptions = {}): Promise<Snapshot> {
  const { collector, warnings } = createCollector(options.prefer ? { prefer: options.prefer } : {});
  try {
    const pipeline = new SnapshotPipeline({ collector, owners: new OneShotOwners(), processes: platformProcesses(), warnings, history: false });
    return await pipeline.tick();
  } finally {
    collector.close();
  }
}

/** Process details: /proc on Linux, one Win32_Process query per poll on Windows. */
function platformProcesses(): ProcessLookup {
  return process.platform === 'win32' ? new WindowsProcesses() : new ProcessCache();
}
