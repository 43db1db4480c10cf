import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SocketRow } from '@contract/model';
import { compileFilter, DEFAULT_TOGGLES } from '../filter/match-row';
import { parseFilter } from '../filter/parse-filter';
import { makeDelta, makeProcess, makeRow, makeSnapshot } from '@contract/testing/factories';
import { CLOSING_MS, emptyChanges, SocketData } from './socket-data';
import { compareKeys, sortKey, type SortSpec } from './sort-keys';
import { ViewIndex, type GroupItem, type ViewSettings } from './view-index';

function settings(sort: SortSpec, extra: Partial<ViewSettings> = {}): ViewSettings {
  return { sort, groupBy: 'none', predicate: null, collapsed: new Set(), ...extra };
}

function setup(rows: SocketRow[], view: ViewSettings) {
  const data = new SocketData();
  const index = new ViewIndex();
  index.update(
    data,
    data.applySnapshot(
      makeSnapshot(1, rows, [
        makeProcess({ pid: 1, name: 'b-proc' }),
        makeProcess({ pid: 2, name: 'a-proc' }),
      ]),
      0,
    ),
    view,
  );
  return { data, index };
}

describe('ViewIndex', () => {
  it('sorts, and keeps arrival order among equal keys in both directions', () => {
    const rows = [
      makeRow({ id: 'x', localPort: 80 }),
      makeRow({ id: 'y', localPort: 22 }),
      makeRow({ id: 'z', localPort: 80 }),
    ];
    const { data, index } = setup(rows, settings({ column: 'local', desc: false }));
    expect(index.items).toEqual(['y', 'x', 'z']);
    index.update(data, emptyChanges(), settings({ column: 'local', desc: true }));
    expect(index.items).toEqual(['x', 'z', 'y']);
  });

  it('re-places only rows whose sorted field changed', () => {
    const rows = [1, 2, 3].map((n) => makeRow({ id: `r${n}`, sendRate: n * 10 }));
    const view = settings({ column: 'sendRate', desc: true });
    const { data, index } = setup(rows, view);
    expect(index.items).toEqual(['r3', 'r2', 'r1']);
    index.update(data, data.applyDelta(makeDelta(2, { changed: [{ id: 'r1', sendRate: 99 }] }), 1), view);
    expect(index.items).toEqual(['r1', 'r3', 'r2']);
    index.update(
      data,
      data.applyDelta(makeDelta(3, { added: [makeRow({ id: 'r4', sendRate: 15 })] }), 2),
      view,
    );
    expect(index.items).toEqual(['r1', 'r3', 'r2', 'r4']);
  });

  it('keeps closing rows in place until they are dropped', () => {
    const view = settings({ column: 'local', desc: false });
    const { data, index } = setup(
      [makeRow({ id: 'a', localPort: 1 }), makeRow({ id: 'b', localPort: 2 })],
      view,
    );
    index.update(data, data.applyDelta(makeDelta(2, { removed: ['a'] }), 100), view);
    expect(index.items).toEqual(['a', 'b']);
    index.update(data, data.sweep(100 + CLOSING_MS).changes, view);
    expect(index.items).toEqual(['b']);
    expect(index.indexOf('b')).toBe(0);
    expect(index.indexOf('a')).toBe(-1);
  });

  it('filters, and refilters when a filtered field changes', () => {
    const view = settings(
      { column: 'local', desc: false },
      { predicate: compileFilter(parseFilter('state:listen'), DEFAULT_TOGGLES) },
    );
    const { data, index } = setup([makeRow({ id: 'a' }), makeRow({ id: 'b', state: 'ESTABLISHED' })], view);
    expect(index.items).toEqual(['a']);
    expect(index.matched).toBe(1);
    expect(index.total).toBe(2);
    index.update(data, data.applyDelta(makeDelta(2, { changed: [{ id: 'b', state: 'LISTEN' }] }), 1), view);
    expect(index.items).toEqual(['a', 'b']);
  });

  it('groups by process with counts and collapsing', () => {
    const rows = [
      makeRow({ id: 'a', pids: [1], ownerReason: null, localPort: 1 }),
      makeRow({ id: 'b', pids: [2], ownerReason: null, localPort: 2 }),
      makeRow({ id: 'c', pids: [1], ownerReason: null, localPort: 3 }),
      makeRow({ id: 'd', ownerReason: 'permission', localPort: 4 }),
    ];
    const { data, index } = setup(rows, settings({ column: 'process', desc: false }, { groupBy: 'process' }));
    const headers = index.items.filter((item): item is GroupItem => typeof item !== 'string');
    expect(headers.map((group) => [group.label, group.count])).toEqual([
      ['a-proc', 1],
      ['b-proc', 2],
      ['Owner hidden (permission)', 1],
    ]);
    expect(index.items.filter((item) => typeof item === 'string')).toEqual(['b', 'a', 'c', 'd']);
    index.update(
      data,
      emptyChanges(),
      settings({ column: 'process', desc: false }, { groupBy: 'process', collapsed: new Set(['p:1']) }),
    );
    expect(index.items.filter((item) => typeof item === 'string')).toEqual(['b', 'd']);
  });

  it('groups connections under the port their peer listens on', () => {
    const rows = [
      makeRow({ id: 'listen', localPort: 3000 }),
      makeRow({
        id: 'accepted',
        localPort: 3000,
        remoteAddress: '127.0.0.1',
        remotePort: 50000,
        state: 'ESTABLISHED',
      }),
      makeRow({
        id: 'client',
        localPort: 50000,
        remoteAddress: '127.0.0.1',
        remotePort: 3000,
        state: 'ESTABLISHED',
      }),
      makeRow({
        id: 'other',
        localPort: 40000,
        remoteAddress: '10.0.0.1',
        remotePort: 443,
        state: 'ESTABLISHED',
      }),
    ];
    const { data, index } = setup(rows, settings({ column: 'local', desc: false }, { groupBy: 'port' }));
    const headers = index.items.filter((item): item is GroupItem => typeof item !== 'string');
    // :443 has one socket: it shows without a header of its own.
    expect(headers.map((group) => [group.label, group.count])).toEqual([[':3000', 3]]);
    expect(index.items.filter((item) => typeof item === 'string')).toContain('other');
    expect(index.groupKeyOf(data.rows.get('client')!, 'port')).toBe(':3000');
  });

  it('names a group whose owner exited by its pid once, as exited', () => {
    const rows = [
      makeRow({ id: 'a', pids: [16180], ownerReason: null, localPort: 1 }),
      makeRow({ id: 'b', pids: [16180], ownerReason: null, localPort: 2 }),
    ];
    const { index } = setup(rows, settings({ column: 'process', desc: false }, { groupBy: 'process' }));
    const [header] = index.items.filter((item): item is GroupItem => typeof item !== 'string');
    expect([header?.label, header?.detail]).toEqual(['pid 16180', 'exited']);
  });

  it('keeps the filtered rows equal to a fresh layout after any sequence of deltas (property)', () => {
    const rowArb = fc.record({
      id: fc.integer({ min: 0, max: 30 }).map((n) => `r${n}`),
      rate: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      port: fc.integer({ min: 1, max: 6 }),
      listening: fc.boolean(),
    });
    const stepArb = fc.record({
      add: fc.array(rowArb, { maxLength: 5 }),
      remove: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
      change: fc.array(rowArb, { maxLength: 6 }),
      sweep: fc.boolean(),
    });
    const filters = ['state:listen', ':3', '-:4', 'listen :2'];
    fc.assert(
      fc.property(
        fc.constantFrom<SortSpec['column']>('sendRate', 'local', 'state'),
        fc.boolean(),
        fc.constantFrom(...filters),
        fc.array(stepArb, { maxLength: 12 }),
        (column, desc, filter, steps) => {
          const view = settings(
            { column, desc },
            { predicate: compileFilter(parseFilter(filter), DEFAULT_TOGGLES) },
          );
          const data = new SocketData();
          const index = new ViewIndex();
          index.update(data, data.applySnapshot(makeSnapshot(1, []), 0), view);
          const state = (listening: boolean) => (listening ? ('LISTEN' as const) : ('ESTABLISHED' as const));
          let now = 0;
          steps.forEach((step, i) => {
            now += 1000;
            const present = new Set(data.rows.keys());
            const added = [
              ...new Map(
                step.add
                  .filter((r) => !present.has(r.id))
                  .map((r) => [
                    r.id,
                    makeRow({ id: r.id, sendRate: r.rate, localPort: r.port, state: state(r.listening) }),
                  ]),
              ).values(),
            ];
            const removed = [...new Set(step.remove.map((n) => `r${n}`))].filter(
              (id) => present.has(id) && data.rows.get(id)!.closingAt === null,
            );
            const changed = [
              ...new Map(
                step.change
                  .filter((r) => present.has(r.id) && !removed.includes(r.id))
                  .map((r) => [r.id, { id: r.id, sendRate: r.rate, state: state(r.listening) }]),
              ).values(),
            ];
            const changes = data.applyDelta(makeDelta(i + 2, { added, removed, changed }), now);
            if (step.sweep) changes.dropped.push(...data.sweep(now + CLOSING_MS).changes.dropped);
            index.update(data, changes, view);
            const fresh = new ViewIndex();
            fresh.update(data, { ...emptyChanges(), reset: true }, view);
            expect(index.items).toEqual(fresh.items);
            expect([index.matched, index.total]).toEqual([fresh.matched, fresh.total]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches a full sort (and a recount) after any sequence of deltas (property)', () => {
    const rowArb = fc.record({
      id: fc.integer({ min: 0, max: 40 }).map((n) => `r${n}`),
      rate: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      port: fc.integer({ min: 1, max: 6 }),
    });
    const stepArb = fc.record({
      add: fc.array(rowArb, { maxLength: 6 }),
      remove: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
      change: fc.array(rowArb, { maxLength: 8 }),
      sweep: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<SortSpec['column']>('sendRate', 'local', 'state'),
        fc.boolean(),
        fc.array(stepArb, { maxLength: 12 }),
        (column, desc, steps) => {
          const view = settings({ column, desc });
          const data = new SocketData();
          const index = new ViewIndex();
          index.update(data, data.applySnapshot(makeSnapshot(1, []), 0), view);
          let now = 0;
          steps.forEach((step, i) => {
            now += 1000;
            const present = new Set(data.rows.keys());
            const added = [
              ...new Map(
                step.add
                  .filter((r) => !present.has(r.id))
                  .map((r) => [r.id, makeRow({ id: r.id, sendRate: r.rate, localPort: r.port })]),
              ).values(),
            ];
            const removed = [...new Set(step.remove.map((n) => `r${n}`))].filter(
              (id) => present.has(id) && data.rows.get(id)!.closingAt === null,
            );
            const changed = [
              ...new Map(
                step.change
                  .filter((r) => present.has(r.id) && !removed.includes(r.id))
                  .map((r) => [
                    r.id,
                    {
                      id: r.id,
                      sendRate: r.rate,
                      state: r.port % 2 ? ('LISTEN' as const) : ('ESTABLISHED' as const),
                    },
                  ]),
              ).values(),
            ];
            const changes = data.applyDelta(makeDelta(i + 2, { added, removed, changed }), now);
            if (step.sweep) {
              const swept = data.sweep(now + CLOSING_MS);
              changes.dropped.push(...swept.changes.dropped);
            }
            index.update(data, changes, view);
            const expected = [...data.rows.values()]
              .sort(
                (a, b) =>
                  compareKeys(sortKey(column, a.row, data), sortKey(column, b.row, data), desc) ||
                  a.ordinal - b.ordinal,
              )
              .map((entry) => entry.row.id);
            expect(index.items).toEqual(expected);
            // The status bar's counts, kept incrementally, match a recount.
            const live = [...data.rows.values()].filter((entry) => entry.closingAt === null);
            expect(data.counts).toEqual({
              tcp: live.filter((entry) => entry.row.protocol === 'tcp').length,
              udp: live.filter((entry) => entry.row.protocol === 'udp').length,
              listening: live.filter((entry) => entry.row.state === 'LISTEN').length,
              closing: data.rows.size - live.length,
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
