/**
 * Processes from ps and lsof (macOS, where there is no /proc; on Linux too, to prove it): the
 * snapshot pipeline's PsProcessTable, and the pieces the actions' reader is built from.
 */
export { lsofCwdCall, parseLsofCwd } from './lsof-cwd.js';
export { type PsIdentityRow, ALL_PARENTS_ARGS, parseParentsOutput } from './ps-columns.js';
export { ProcessToolError, type ToolAnswer, type ToolCall, runToolAsync, runToolSync } from './process-tools.js';
export { PsProcessTable, type PsProcessTableOptions } from './ps-process-table.js';
export { type PsReadResult, readIdentities, readProcesses, runPlan, runPlanAsync } from './ps-read.js';
