import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessInfo, SocketRow } from '../../contract/model.js';
import { ROW_FIELDS } from '../../contract/row-fields.js';
import { rowFields } from '../../contract/testing/arbitraries.js';
import { makeProcess } from '../../contract/testing/factories.js';
import { JsonBytes, literal } from './json-bytes.js';
import { jsonRowPieces, jsonRows } from './json-rows.js';
import { PiecePool } from './piece-pool.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('127.0.0.1', '::1', 'fe80::1', 'tcp#42', 'a "q" \\ \n \u0000 \ud800'));
const count = fc.oneof(fc.constant(null), fc.nat(), fc.maxSafeNat());
/**
 * Any row: every field of the field table, keys in its order (the order JSON.stringify then
 * follows), with text that needs escaping and owners that may be known or not.
 */
const row: fc.Arbitrary<SocketRow> = fc.record({
  ...rowFields,
  id: text,
  localAddress: text,
  remoteAddress: fc.option(text),
  pids: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  bytesSent: count,
  bytesReceived: count,
  sendRate: count,
  receiveRate: count,
  firstSeen: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
}) as fc.Arbitrary<SocketRow>;
const processes: Record<number, ProcessInfo> = { 1: makeProcess({ pid: 1 }), 2: { ...makeProcess({ pid: 2, name: 'naïve "srv"' }), argv: ['x\ny', '✓'] }, 3: makeProcess({ pid: 3 }) };

/** What JSON.stringify writes for the rows with their first owner's process. */
function reference(rows: readonly SocketRow[]): string {
  return JSON.stringify(rows.map((r) => ({ ...r, process: r.pids[0] === undefined ? null : (processes[r.pids[0]] ?? null) })));
}

describe('jsonRows', () => {
  it('is byte for byte what JSON.stringify writes, for any rows', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        expect(jsonRows(rows, processes)).toBe(reference(rows));
      }),
    );
  });

  it('writes the same bytes from rows made one at a time into one reused object (a SocketListing)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const view = {} as SocketRow;
        const oneAtATime = { length: rows.length, at: (i: number) => Object.assign(view, rows[i]) };
        expect(jsonRows(oneAtATime, processes)).toBe(reference(rows));
      }),
    );
  });

  it("writes every field of the table, in the table's order, then `process`", () => {
    fc.assert(
      fc.property(row, (r) => {
        const [out] = JSON.parse(jsonRows([r], processes)) as [Record<string, unknown>];
        expect(Object.keys(out)).toEqual([...ROW_FIELDS, 'process']);
      }),
      { numRuns: 50 },
    );
  });

  it("documents every field in the README's JSON table", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('`portlens list --json` prints'), readme.indexOf('`who --json` prints'));
    for (const field of ROW_FIELDS) expect(table, field).toMatch(new RegExp(`^\\| [^|]*\`${field}\``, 'm'));
  });

  it('writes the first owner as `process`, null when there is none or it is unknown', () => {
    const parsed = JSON.parse(jsonRows([], {})) as unknown[];
    expect(parsed).toEqual([]);
    fc.assert(
      fc.property(row, (r) => {
        const [out] = JSON.parse(jsonRows([r], processes)) as [{ process: ProcessInfo | null }];
        expect(out.process).toEqual(r.pids[0] === undefined ? null : (processes[r.pids[0]] ?? null));
      }),
    );
  });

  it('splits into pieces that are each valid UTF-8 and, with a PiecePool, reuses them only once written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 3 }), async (rows, max) => {
        const written: Buffer[] = [];
        const pending: (() => void)[] = [];
        // A slow stream: copies what it was given, and reports it written only later.
        const pool = new PiecePool((chunk, done) => {
          written.push(Buffer.from(chunk));
          pending.push(done);
          setTimeout(() => pending.shift()?.(), 0);
        }, 512, max);
        for (const piece of jsonRowPieces(rows, processes, pool.acquire)) await pool.put(piece);
        for (const piece of written) expect(Buffer.from(piece.toString('utf8'), 'utf8').equals(piece)).toBe(true);
        expect(Buffer.concat(written).toString('utf8')).toBe(reference(rows));
      }),
      { numRuns: 30 },
    );
  });
});

describe('JsonBytes', () => {
  it('refuses a literal that is not printable ASCII', () => {
    expect(() => literal('é')).toThrow(TypeError);
    expect(() => literal('\n')).toThrow(TypeError);
  });

  it('writes numbers as JSON does, including the unsafe and non-finite ones', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeNat()), (value) => {
        const out = new JsonBytes();
        out.number(value);
        expect(Buffer.concat(out.take(true)).toString('latin1')).toBe(JSON.stringify(value));
      }),
    );
  });
});
