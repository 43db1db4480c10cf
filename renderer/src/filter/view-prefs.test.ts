import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, loadPrefs, parsePrefs, PREFS_KEY, savePrefs, type ViewPrefs } from './view-prefs';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('view prefs', () => {
  it('round-trips through storage', () => {
    const storage = new MemoryStorage();
    const prefs: ViewPrefs = {
      filterText: 'proc:node :3000',
      toggles: { listeningOnly: true, tcp: true, udp: false, ipv4: true, ipv6: false },
      sort: { column: 'process', desc: true },
      groupBy: 'port',
      columnSizes: { local: 240 },
      columnOrder: ['process', 'local'],
      hiddenColumns: ['scope'],
      panelWidth: 480,
    };
    savePrefs(prefs, storage);
    expect(storage.items.has(PREFS_KEY)).toBe(true);
    expect(loadPrefs(storage)).toEqual(prefs);
  });

  it('falls back per field on bad data', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('[1,2]').groupBy).toBe('none');
    const mixed = parsePrefs(
      JSON.stringify({ filterText: ':80', sort: { column: 'nope', desc: true }, groupBy: 'port' }),
    );
    expect(mixed).toEqual({ ...DEFAULT_PREFS, filterText: ':80', groupBy: 'port' });
    const columns = parsePrefs(
      JSON.stringify({ columnOrder: 'local', hiddenColumns: [1], panelWidth: 99999 }),
    );
    expect([columns.columnOrder, columns.hiddenColumns, columns.panelWidth]).toEqual([[], [], null]);
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadPrefs(broken)).toEqual(DEFAULT_PREFS);
    expect(() => savePrefs(DEFAULT_PREFS, broken)).not.toThrow();
  });
});
