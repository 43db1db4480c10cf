/** The monitor: the poll loop, its worker-thread host, and their messages. */
export { Monitor, type SnapshotSourceLike } from './monitor.js';
export { startMonitor, type MonitorHandle, type MonitorHostOptions } from './monitor-host.js';
export type { MonitorCommand, MonitorMessage } from './messages.js';
export { SnapshotPipeline, type PipelineDeps, type OwnerLookup, type ProcessLookup } from '../snapshot/pipeline.js';
export { createDefaultPipeline, takeSnapshot, type OneShotOptions, type PipelineOptions } from '../snapshot/default-pipeline.js';
export { diffSnapshots } from '../diff/diff-snapshots.js';
export { applyDelta } from '../diff/apply-delta.js';
