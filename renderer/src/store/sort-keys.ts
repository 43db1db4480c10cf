/**
 * Sort keys per column: one number or string per row, compared with `<` (no locale compare:
 * it is ~10× slower and 20,000 rows are sorted on every change of a sorted field).
 * Null keys sort last in either direction.
 */
import type { Family, SocketRow, SocketState } from '@contract/model';
import type { OwnerLookup } from '../filter/match-row';
import { rowUser } from '../filter/match-row';
import type { RowField } from '@contract/row-fields';
import { fieldMask } from './patch-row';

/** Columns the table can sort by. */
export const SORT_COLUMNS = [
  'protocol',
  'local',
  'remote',
  'state',
  'process',
  'user',
  'scope',
  'sendRate',
  'receiveRate',
  'total',
  'age',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** A sort order: one column, ascending unless `desc`. Ties keep arrival order (stable). */
export interface SortSpec {
  column: SortColumn;
  desc: boolean;
}

/** A sort key. */
export type SortKey = number | string | null;

/**
 * Row fields a column's key reads, and whether it reads process info. Only a change of one of
 * these can move a row; a field fixed for a row's life never does (fieldMask gives it no bit).
 */
const SORT_READS: Record<SortColumn, { fields: readonly RowField[]; processes: boolean }> = {
  protocol: { fields: ['protocol', 'family'], processes: false },
  local: { fields: ['localPort', 'localAddress', 'family'], processes: false },
  remote: { fields: ['remoteAddress', 'remotePort', 'family'], processes: false },
  state: { fields: ['state'], processes: false },
  process: { fields: ['pids', 'ownerReason'], processes: true },
  user: { fields: ['pids', 'uid'], processes: true },
  scope: { fields: ['scope'], processes: false },
  sendRate: { fields: ['sendRate'], processes: false },
  receiveRate: { fields: ['receiveRate'], processes: false },
  total: { fields: ['bytesSent', 'bytesReceived'], processes: false },
  age: { fields: ['firstSeen'], processes: false },
};

/** What a column's key depends on: the FIELD_BITS mask of the fields it reads that can change. */
export const SORT_DEPENDS: Record<SortColumn, { fields: number; processes: boolean }> = Object.fromEntries(
  SORT_COLUMNS.map((column) => [column, { fields: fieldMask(SORT_READS[column].fields), processes: SORT_READS[column].processes }]),
) as Record<SortColumn, { fields: number; processes: boolean }>;

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

// Sorting 20,000 rows formats an address per row, yet a machine has few distinct addresses
// (most are loopback): remember the keys. Bounded, so a scan of many peers cannot grow it forever.
// One map per family, keyed by the address text itself: no key to build for a lookup.
const ADDRESS_KEYS_MAX = 4096;
const addressKeys = { 4: new Map<string, string>(), 6: new Map<string, string>() };

/** An address as fixed-width hex, so string order is numeric order (v4 before v6). */
export function addressKey(address: string, family: Family): string {
  const keys = addressKeys[family];
  let key = keys.get(address);
  if (key === undefined) {
    if (keys.size >= ADDRESS_KEYS_MAX) keys.clear();
    key = formatAddressKey(address, family);
    keys.set(address, key);
  }
  return key;
}

function formatAddressKey(address: string, family: Family): string {
  if (family === 4) {
    const parts = address.split('.');
    if (parts.length === 4) return `4${parts.map((part) => hex2(Number(part) & 255)).join('')}`;
    return `4${address}`;
  }
  let text = address;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${hex2(a)}${hex2(b)}:${hex2(c)}${hex2(d)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return `6${[...left, ...fill, ...right].map((group) => group.padStart(4, '0')).join('')}`;
}

// Zero-padded port texts, made once each (a snapshot's sort asks for one per row). At most
// 65,536 entries: ports are bounded.
const portKeys = new Map<number, string>();
function port5(port: number): string {
  let key = portKeys.get(port);
  if (key === undefined) portKeys.set(port, (key = String(port).padStart(5, '0')));
  return key;
}

/** Reading order of states: what listens first, then live connections, then the dying. */
const STATE_RANK: Record<SocketState, number> = {
  LISTEN: 0,
  UNCONN: 1,
  ESTABLISHED: 2,
  SYN_SENT: 3,
  SYN_RECV: 4,
  NEW_SYN_RECV: 5,
  FIN_WAIT1: 6,
  FIN_WAIT2: 7,
  CLOSE_WAIT: 8,
  CLOSING: 9,
  LAST_ACK: 10,
  TIME_WAIT: 11,
  CLOSE: 12,
};

const SCOPE_RANK = { all: 0, address: 1, loopback: 2 } as const;

const sum = (a: number | null, b: number | null): number | null =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0);

/** The key of `row` for `column`. */
export function sortKey(column: SortColumn, row: SocketRow, owners: OwnerLookup): SortKey {
  switch (column) {
    case 'protocol':
      return `${row.protocol}${row.family}`;
    case 'local':
      // By port first: people look for ports; the address breaks ties.
      return `${port5(row.localPort)}${addressKey(row.localAddress, row.family)}`;
    case 'remote':
      if (row.remoteAddress === null) return null;
      return `${addressKey(row.remoteAddress, row.family)}${port5(row.remotePort ?? 0)}`;
    case 'state':
      return STATE_RANK[row.state];
    case 'process': {
      const pid = row.pids[0];
      const name = pid === undefined ? undefined : owners.process(pid)?.name;
      if (pid === undefined) return null;
      return `${(name ?? '\uffff').toLowerCase()}\u0000${String(pid).padStart(10, '0')}`;
    }
    case 'user': {
      const user = rowUser(row, owners);
      return user ? user.toLowerCase() : null;
    }
    case 'scope':
      return SCOPE_RANK[row.scope];
    case 'sendRate':
      return row.sendRate;
    case 'receiveRate':
      return row.receiveRate;
    case 'total':
      return sum(row.bytesSent, row.bytesReceived);
    case 'age':
      // The column shows a duration: ascending means youngest first.
      return -row.firstSeen;
  }
}

/** Compares keys: nulls last in either direction. */
export function compareKeys(a: SortKey, b: SortKey, desc: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = a < b ? -1 : 1;
  return desc ? -order : order;
}
