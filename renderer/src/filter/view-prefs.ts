/**
 * What the user set up in the view (filter, toggles, sort, grouping, column widths), kept in
 * localStorage between sessions. Stored data is untrusted: it is validated on load and any
 * field that does not fit falls back to its default.
 */
import { z } from 'zod';
import { SORT_COLUMNS, type SortSpec } from '../store/sort-keys';
import type { GroupBy } from '../store/view-index';
import { DEFAULT_TOGGLES, type FilterToggles } from './match-row';

/** The persisted view preferences. */
export interface ViewPrefs {
  filterText: string;
  toggles: FilterToggles;
  sort: SortSpec;
  groupBy: GroupBy;
  /** Column id → width in px, for columns the user resized. */
  columnSizes: Record<string, number>;
}

/** A fresh install's view: everything, by local port. */
export const DEFAULT_PREFS: ViewPrefs = {
  filterText: '',
  toggles: DEFAULT_TOGGLES,
  sort: { column: 'local', desc: false },
  groupBy: 'none',
  columnSizes: {},
};

/** localStorage key; bump the version when the shape changes incompatibly. */
export const PREFS_KEY = 'portlens.view.v1';

const Toggles = z.object({
  listeningOnly: z.boolean(),
  tcp: z.boolean(),
  udp: z.boolean(),
  ipv4: z.boolean(),
  ipv6: z.boolean(),
});

const FIELDS = {
  filterText: z.string().max(500),
  toggles: Toggles,
  sort: z.object({ column: z.enum(SORT_COLUMNS), desc: z.boolean() }),
  groupBy: z.enum(['none', 'process', 'port']),
  columnSizes: z.record(z.string().max(32), z.number().int().min(24).max(2000)),
} satisfies { [K in keyof ViewPrefs]: z.ZodType<ViewPrefs[K]> };

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
    const parsed = FIELDS[key].safeParse(record[key]);
    return parsed.success ? (parsed.data as ViewPrefs[K]) : DEFAULT_PREFS[key];
  };
  return {
    filterText: field('filterText'),
    toggles: field('toggles'),
    sort: field('sort'),
    groupBy: field('groupBy'),
    columnSizes: field('columnSizes'),
  };
}

/** Loads prefs from localStorage (which may be unavailable: private mode, file:// quirks). */
export function loadPrefs(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ViewPrefs {
  try {
    return parsePrefs(storage?.getItem(PREFS_KEY) ?? null);
  } catch {
    return DEFAULT_PREFS;
  }
}

/** Saves prefs; a full or unavailable storage is not worth an error. */
export function savePrefs(prefs: ViewPrefs, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; the app works without them.
  }
}
