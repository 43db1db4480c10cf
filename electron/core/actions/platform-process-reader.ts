/** The ProcessReader for this platform: /proc on Linux, ps and lsof on macOS, Win32_Process on Windows (see process-source.ts). */
import { defaultProcessSource, type ProcessSource } from '../snapshot/process-source.js';
import type { ProcessReader } from './deps.js';
import { withLaunchdServices } from '../owners/launchd/attach-services.js';
import { createProcReader } from './process-reader.js';
import { createPsReader } from './ps-process-reader.js';
import { createWindowsProcessReader } from './windows-process-reader.js';

/** The process reader for `source` (this platform's by default); on macOS it names launchd services too. */
export function createProcessReader(source: ProcessSource = defaultProcessSource(), platform: NodeJS.Platform = process.platform): ProcessReader {
  if (source === 'proc') return createProcReader();
  if (source === 'windows') return createWindowsProcessReader();
  return platform === 'darwin' ? withLaunchdServices(createPsReader()) : createPsReader();
}
