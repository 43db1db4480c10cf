/** The pipeline wired to the real OS: the best available collector and /proc owner lookup. */
import { createCollector } from '../collect/create-collector.js';
import { OwnerResolver, ProcessCache } from '../owners/index.js';
import type { Snapshot, SnapshotSource } from '../model.js';
import { SnapshotPipeline } from './pipeline.js';

export interface PipelineOptions {
  /** Use this source (tests, `--source`); otherwise netlink, then ss, then /proc/net. */
  prefer?: SnapshotSource;
}

/** A pipeline over the real machine, the warnings collector selection produced, and its closer. */
export interface DefaultPipeline {
  pipeline: SnapshotPipeline;
  warnings: string[];
  close(): void;
}

/** A pipeline over the real machine. */
export function createDefaultPipeline(options: PipelineOptions = {}): DefaultPipeline {
  const { collector, warnings } = createCollector(options.prefer ? { prefer: options.prefer } : {});
  const pipeline = new SnapshotPipeline({ collector, owners: new OwnerResolver(), processes: new ProcessCache(), warnings });
  return { pipeline, warnings, close: () => collector.close() };
}

/** One snapshot of the machine now (the CLI's `list` and `who`, and the actions' checks). */
export async function takeSnapshot(options: PipelineOptions = {}): Promise<Snapshot> {
  const { pipeline, close } = createDefaultPipeline(options);
  try {
    return await pipeline.tick();
  } finally {
    close();
  }
}
