/**
 * A row with a patch applied, built field by field: every row object then has the same
 * shape (hidden class), which keeps the sort, filter and render code monomorphic, and the
 * changed-field mask comes out of the same pass. (A spread of patches with varying keys was
 * the largest cost of applying a 20,000-row delta.)
 */
import type { SocketPatch, SocketRow } from '@contract/model';
import { CHANGING_FIELDS, type ChangingField, type RowField } from '@contract/row-fields';

/** A bit per field that can change during a socket's life (the field table's, in its order). */
export const FIELD_BITS = Object.fromEntries(CHANGING_FIELDS.map((field, bit) => [field, 1 << bit])) as Readonly<
  Record<ChangingField, number>
>;

/** Every bit: a row replaced as a whole. */
export const ALL_FIELDS = (1 << CHANGING_FIELDS.length) - 1;

/**
 * The bits of those of `fields` that can change: what a key reading these fields depends on
 * (a fixed field never changes a key, so it has no bit).
 */
export function fieldMask(fields: readonly RowField[]): number {
  let mask = 0;
  for (const field of fields) mask |= (FIELD_BITS as Partial<Record<RowField, number>>)[field] ?? 0;
  return mask;
}

/**
 * `row` with `patch` applied, and the mask of the fields the patch names. Written out for
 * speed; the compiler holds the literal to every field, and patch-row.test.ts patches each field
 * of the table that can change in turn.
 */
export function patchRow(row: SocketRow, patch: SocketPatch): { row: SocketRow; mask: number } {
  let mask = 0;
  const pick = <K extends ChangingField>(key: K): SocketRow[K] => {
    const value = patch[key];
    if (value === undefined) return row[key];
    mask |= FIELD_BITS[key];
    return value as SocketRow[K];
  };
  const next: SocketRow = {
    id: row.id,
    protocol: row.protocol,
    family: row.family,
    localAddress: pick('localAddress'),
    localPort: pick('localPort'),
    remoteAddress: pick('remoteAddress'),
    remotePort: pick('remotePort'),
    state: pick('state'),
    pids: pick('pids'),
    ownerReason: pick('ownerReason'),
    inode: pick('inode'),
    uid: pick('uid'),
    scope: pick('scope'),
    bytesSent: pick('bytesSent'),
    bytesReceived: pick('bytesReceived'),
    sendRate: pick('sendRate'),
    receiveRate: pick('receiveRate'),
    firstSeen: row.firstSeen,
    v6Only: pick('v6Only'),
  };
  return { row: next, mask };
}
