/**
 * Where process details come from: /proc on Linux, ps and lsof on macOS (which has no /proc),
 * Win32_Process and tasklist on Windows. The ps path runs on Linux too (`portlens list
 * --processes ps`, the tests), to prove it here.
 */
import { LaunchdProcessLookup } from '../owners/launchd/launchd-lookup.js';
import { ProcessCache } from '../owners/process-cache.js';
import { PsProcessTable } from '../owners/ps/ps-process-table.js';
import { WindowsProcesses } from '../owners/windows/windows-processes.js';
import type { ProcessLookup } from './pipeline.js';

/** `proc`: /proc/<pid>/* files; `ps`: ps and lsof; `windows`: PowerShell's Win32_Process and tasklist. */
export type ProcessSource = 'proc' | 'ps' | 'windows';

/** The source for `platform` (this one by default). */
export function defaultProcessSource(platform: NodeJS.Platform = process.platform): ProcessSource {
  if (platform === 'darwin') return 'ps';
  return platform === 'win32' ? 'windows' : 'proc';
}

/**
 * A fresh ProcessLookup reading from `source`; on macOS the ps table also names each process's
 * launchd job or Homebrew service (launchctl exists only there).
 */
export function createProcessLookup(source: ProcessSource = defaultProcessSource(), platform: NodeJS.Platform = process.platform): ProcessLookup {
  if (source === 'proc') return new ProcessCache();
  if (source === 'windows') return new WindowsProcesses();
  const table = new PsProcessTable();
  return platform === 'darwin' ? new LaunchdProcessLookup(table) : table;
}
