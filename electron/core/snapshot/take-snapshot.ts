/** `takeSnapshot()`: one snapshot of the machine, for one-shot callers. */
export { takeSnapshot, type PipelineOptions } from './default-pipeline.js';
