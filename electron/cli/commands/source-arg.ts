/** The `--source` flag shared by list, who and watch. */
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
