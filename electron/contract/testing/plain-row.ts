/**
 * Test helper (not shipped): a row with every field of the table (row-fields.ts) at a plain
 * value of its type, for test factories to spread their own defaults over. A field added to the
 * table then reaches every factory without an edit there.
 */
import type { SocketRow } from '../model.js';
import { ROW_FIELD_TABLE, type FieldType } from '../row-fields.js';

/** The plain value of a type: null where null is allowed, else the least or first value. */
function plainValue(type: FieldType): unknown {
  if (type.nullable) return null;
  switch (type.kind) {
    case 'text':
      return 'x'.repeat(type.min);
    case 'enum':
      return type.values[0];
    case 'int':
      return type.min;
    case 'port':
    case 'count':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'pids':
      return [];
  }
}

/** A valid row of plain values (a fresh object each call), keys in the table's order. */
export function plainRow(): SocketRow {
  return Object.fromEntries(ROW_FIELD_TABLE.map((spec) => [spec.name, plainValue(spec.type)])) as SocketRow;
}
