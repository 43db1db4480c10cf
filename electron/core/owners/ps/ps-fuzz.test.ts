// The ps and lsof-cwd parsers under fuzzing (fast-check), as parsers-fuzz.test.ts does for /proc.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineProblem } from '../../collect/line-parser.js';
import { ParseError } from '../../model.js';
import { parseLsofCwd } from './lsof-cwd.js';
import { parseCommandOutput, parseIdentityOutput, parseParentsOutput } from './ps-columns.js';
import { parseLstart } from './ps-line.js';

/** Runs `parse`; any outcome but a value or one of `allowed` fails the property. */
function valueOr(parse: () => unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  try {
    parse();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
  }
}

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }));
/** Text made of what ps lines are made of, so fuzzing reaches the column readers' branches. */
const psLike = fc.string({
  unit: fc.constantFrom('0', '1', '9', ' ', '\n', ':', 'S', 's', 'Sat', 'Dec', 'Mon', 'Feb', '2026', '/', 'a'),
  maxLength: 200,
});

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `lstart` as ps prints it in the C locale and UTC (`%a %b %e %H:%M:%S %Y`). */
function lstartText(seconds: number): string {
  const d = new Date(seconds * 1000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

const id = fc.integer({ min: 0, max: 4_294_967_295 });
const pid = fc.integer({ min: 1, max: 99_999_999 });
/** 1970 to 9999: lstart's four-digit years. */
const start = fc.integer({ min: 0, max: 253_402_300_799 });
/** A last column: anything but a line break, spaces (leading ones too) included. */
const lastColumn = fc.string({ unit: 'binary', maxLength: 80 }).filter((s) => !/[\n\r]/.test(s));

describe('ps and lsof-cwd parsers under fuzzing (fast-check)', () => {
  it('every parser returns a value or throws ParseError, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, psLike), (input) => {
        valueOr(() => parseIdentityOutput(input), ParseError);
        valueOr(() => parseCommandOutput(input), ParseError);
        valueOr(() => parseParentsOutput(input), ParseError);
        valueOr(() => parseLsofCwd(input), ParseError);
        valueOr(() => parseLstart(input), LineProblem);
      }),
      { numRuns: 2000 },
    );
  });

  it('an unreadable line is a warning naming its line, and the others are still read', () => {
    fc.assert(
      fc.property(fc.oneof(text, psLike), pid, start, (garbage, p, s) => {
        const good = `${String(p).padStart(5)}     1     0 S ${lstartText(s)} name`;
        const input = `${good}\n${garbage.replace(/\n/g, ' ')}\n`;
        const { rows, warnings } = parseIdentityOutput(input);
        expect(rows[0]).toMatchObject({ pid: p, startSeconds: s });
        expect(rows.length + warnings.length).toBe(garbage.trim() === '' ? 1 : 2);
        for (const warning of warnings) expect(warning).toMatch(/ line 2: /);
      }),
      { numRuns: 1000 },
    );
  });

  it('the identity call is read back exactly as ps prints it, any name (spaces included) in the last column', () => {
    const row = fc.record({ pid, ppid: id, gid: id, state: fc.constantFrom('S', 'Ss', 'R+', 'Z', 'I<', 'D'), startSeconds: start, comm: lastColumn });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const lines = rows.map((r) => `${String(r.pid).padStart(5)} ${String(r.ppid).padStart(5)} ${String(r.gid).padStart(5)} ${r.state.padEnd(4)} ${lstartText(r.startSeconds)} ${r.comm}`);
        expect(parseIdentityOutput(`${lines.join('\n')}\n`)).toEqual({ rows, warnings: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('the command call is read back exactly, any command line in the last column', () => {
    const row = fc.record({ pid, ppid: id, uid: id, startSeconds: start, args: lastColumn });
    fc.assert(
      fc.property(row, (r) => {
        const line = `${String(r.pid).padStart(5)} ${String(r.ppid).padStart(5)} ${String(r.uid).padStart(5)} ${lstartText(r.startSeconds)} ${r.args}`;
        expect(parseCommandOutput(line)).toEqual({ rows: [r], warnings: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('lsof cwd output is read back exactly, any path', () => {
    fc.assert(
      fc.property(fc.uniqueArray(pid, { maxLength: 5 }), fc.array(lastColumn, { minLength: 5, maxLength: 5 }), (pids, paths) => {
        const text = pids.map((p, i) => `p${p}\nfcwd\nn${paths[i]}\n`).join('');
        const { cwds, warnings } = parseLsofCwd(text);
        expect(warnings).toEqual([]);
        expect([...cwds]).toEqual(pids.map((p, i) => [p, paths[i]]));
      }),
      { numRuns: 1000 },
    );
  });
});
