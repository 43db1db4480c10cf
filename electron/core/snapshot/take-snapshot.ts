/** `takeSnapshot()`: one snapshot of the machine, for one-shot callers. */
export { takeSnapshot, type OneShotOptions } from './default-pipeline.js';
