/**
 * Where process details come from: /proc on Linux, ps and lsof on macOS (which has no /proc).
 * The ps path runs on Linux too (`portlens list --processes ps`, the tests), to prove it here.
 */
import { LaunchdProcessLookup } from '../owners/launchd/launchd-lookup.js';
import { ProcessCache } from '../owners/process-cache.js';
import { PsProcessTable } from '../owners/ps/ps-process-table.js';
import type { ProcessLookup } from './pipeline.js';

/** `proc`: /proc/<pid>/* files; `ps`: ps and lsof. */
export type ProcessSource = 'proc' | 'ps';

/** The source for `platform` (this one by default). */
export function defaultProcessSource(platform: NodeJS.Platform = process.platform): ProcessSource {
  return platform === 'darwin' ? 'ps' : 'proc';
}

/**
 * A fresh ProcessLookup reading from `source`; on macOS the ps table also names each process's
 * launchd job or Homebrew service (launchctl exists only there).
 */
export function createProcessLookup(source: ProcessSource = defaultProcessSource(), platform: NodeJS.Platform = process.platform): ProcessLookup {
  if (source === 'proc') return new ProcessCache();
  const table = new PsProcessTable();
  return platform === 'darwin' ? new LaunchdProcessLookup(table) : table;
}
