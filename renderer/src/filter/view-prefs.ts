/**
 * What the user set up in the view (filter, toggles, sort, grouping, columns, panel width), kept in
 * localStorage between sessions. Stored data is untrusted: it is validated on load and any
 * field that does not fit falls back to its default.
 */
import { SORT_COLUMNS, type SortSpec } from '../store/sort-keys';
import type { GroupBy } from '../store/view-index';
import { DEFAULT_TOGGLES, type FilterToggles } from './match-row';
import { PREFS_KEY, readStoredPrefs } from './stored-prefs';

/** The persisted view preferences. */
export interface ViewPrefs {
  filterText: string;
  toggles: FilterToggles;
  sort: SortSpec;
  groupBy: GroupBy;
  /** Column id → width in px, for columns the user resized. */
  columnSizes: Record<string, number>;
  /** Column ids in the user's order (empty: the default order; unknown ids are ignored). */
  columnOrder: string[];
  /** Column ids the user hid. */
  hiddenColumns: string[];
  /** The owner panel's width in px when it sits beside the table (null: the default). */
  panelWidth: number | null;
}

/** A fresh install's view: everything, by local port. */
export const DEFAULT_PREFS: ViewPrefs = {
  filterText: '',
  toggles: DEFAULT_TOGGLES,
  sort: { column: 'local', desc: false },
  groupBy: 'none',
  columnSizes: {},
  columnOrder: [],
  hiddenColumns: [],
  panelWidth: null,
};

export { PREFS_KEY } from './stored-prefs';

// Hand-written checks rather than zod: these few fields are all that needs validating in
// the Electron bundle, and zod would triple its size (the web transport loads zod lazily).
const isBool = (value: unknown): value is boolean => typeof value === 'boolean';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= 64 &&
  value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 32);

const FIELDS: { [K in keyof ViewPrefs]: (value: unknown) => value is ViewPrefs[K] } = {
  filterText: (value): value is string => typeof value === 'string' && value.length <= 500,
  toggles: (value): value is FilterToggles =>
    isRecord(value) &&
    (['listeningOnly', 'tcp', 'udp', 'ipv4', 'ipv6'] as const).every((key) => isBool(value[key])),
  sort: (value): value is SortSpec =>
    isRecord(value) && (SORT_COLUMNS as readonly unknown[]).includes(value.column) && isBool(value.desc),
  groupBy: (value): value is GroupBy => value === 'none' || value === 'process' || value === 'port',
  columnSizes: (value): value is Record<string, number> =>
    isRecord(value) &&
    Object.entries(value).every(
      ([key, size]) =>
        key.length <= 32 && typeof size === 'number' && Number.isInteger(size) && size >= 24 && size <= 2000,
    ),
  columnOrder: isIdList,
  hiddenColumns: isIdList,
  panelWidth: (value): value is number | null =>
    value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 240 && value <= 4000),
};

/** Reads stored prefs; each invalid or missing field takes its default. */
export function parsePrefs(raw: string | null): ViewPrefs {
  if (!raw) return DEFAULT_PREFS;
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFS;
  }
  if (typeof stored !== 'object' || stored === null) return DEFAULT_PREFS;
  const record = stored as Record<string, unknown>;
  const field = <K extends keyof ViewPrefs>(key: K): ViewPrefs[K] => {
    const value = record[key];
    return FIELDS[key](value) ? value : DEFAULT_PREFS[key];
  };
  return {
    filterText: field('filterText'),
    toggles: field('toggles'),
    sort: field('sort'),
    groupBy: field('groupBy'),
    columnSizes: field('columnSizes'),
    columnOrder: field('columnOrder'),
    hiddenColumns: field('hiddenColumns'),
    panelWidth: field('panelWidth'),
  };
}

/** Loads prefs from localStorage (which may be unavailable: private mode, file:// quirks). */
export function loadPrefs(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): ViewPrefs {
  return parsePrefs(readStoredPrefs(storage));
}

/** Saves prefs; a full or unavailable storage is not worth an error. */
export function savePrefs(
  prefs: ViewPrefs,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; the app works without them.
  }
}
