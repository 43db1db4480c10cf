/** The `--source` flag shared by list, who and watch, and list's `--processes`. */
import type { SnapshotSource } from '../../contract/model.js';
import { UsageError } from '../io.js';

// A plain list rather than the zod enum: `list` must not load zod (cold-start time).
const SOURCES: readonly SnapshotSource[] = ['netlink', 'ss', 'proc', 'lsof', 'netstat'];

/** Validates `--source`; undefined means "choose automatically". */
export function sourceArg(value: string | undefined): SnapshotSource | undefined {
  if (value === undefined) return undefined;
  const source = SOURCES.find((name) => name === value);
  if (!source) throw new UsageError(`--source must be one of ${SOURCES.join(', ')}, got "${value}"`);
  return source;
}

/** Validates `--processes` (list): where process details come from; undefined means this platform's. */
export function processesArg(value: string | undefined): 'proc' | 'ps' | undefined {
  if (value === undefined || value === 'proc' || value === 'ps') return value;
  throw new UsageError(`--processes must be one of proc, ps, got "${value}"`);
}
