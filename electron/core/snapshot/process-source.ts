/**
 * Where process details come from: /proc on Linux, ps and lsof on macOS (which has no /proc).
 * The ps path runs on Linux too (`portlens list --processes ps`, the tests), to prove it here.
 */
import { ProcessCache } from '../owners/process-cache.js';
import { PsProcessTable } from '../owners/ps/ps-process-table.js';
import type { ProcessLookup } from './pipeline.js';

/** `proc`: /proc/<pid>/* files; `ps`: ps and lsof. */
export type ProcessSource = 'proc' | 'ps';

/** The source for `platform` (this one by default). */
export function defaultProcessSource(platform: NodeJS.Platform = process.platform): ProcessSource {
  return platform === 'darwin' ? 'ps' : 'proc';
}

/** A fresh ProcessLookup reading from `source`. */
export function createProcessLookup(source: ProcessSource = defaultProcessSource()): ProcessLookup {
  return source === 'ps' ? new PsProcessTable() : new ProcessCache();
}
