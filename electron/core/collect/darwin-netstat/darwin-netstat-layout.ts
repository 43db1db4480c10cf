/**
 * The columns of macOS's `netstat -anv` socket table, read from its header line. Apple has
 * changed them more than once, so the header decides, never a position guessed from a version:
 *
 * - 10.12–14 (Sierra to Sonoma): `… (state) rhiwat shiwat pid epid [state options gencnt …]`;
 * - 15 (Sequoia): `… (state) rxbytes txbytes rhiwat shiwat pid epid state options …`;
 * - 26 (Tahoe): `… (state) rxbytes txbytes rhiwat shiwat process:pid state options …`, the
 *   process name cut to 16 characters and possibly holding spaces (`Autodesk Fusion:22712`).
 */
import { LineProblem } from '../line-parser.js';

/** Where a row's values are, after the five leading columns and the optional `(state)`. */
export interface DarwinNetstatLayout {
  /** Column names after `(state)`, lower-cased (`rxbytes`, `pid`, `process:pid`…). */
  readonly rest: readonly string[];
  /**
   * Index in `rest` of the owner: `pid`, or `process:pid` (which may span several words). Not
   * `epid`: that is the process a delegated socket works for, not the one that used it.
   */
  readonly owner: number;
  /** Whether the owner column is `process:pid`. */
  readonly named: boolean;
  readonly rxbytes: number | null;
  readonly txbytes: number | null;
}

/** The five columns every layout starts with, then `(state)`; two-word names joined by `-`. */
const LEADING = ['proto', 'recv-q', 'send-q', 'local-address', 'foreign-address', '(state)'] as const;

/** Whether `line` is the table's header line (`Proto Recv-Q Send-Q  Local Address …`). */
export function isDarwinHeader(line: string): boolean {
  return /^\s*Proto\s+Recv-Q\s/i.test(line);
}

/** The layout a header line names; throws LineProblem for a header whose columns it cannot place. */
export function readDarwinLayout(header: string): DarwinNetstatLayout {
  const names = header
    .trim()
    .replace(/Local Address/i, 'Local-Address')
    .replace(/Foreign Address/i, 'Foreign-Address')
    .split(/\s+/)
    .map((name) => name.toLowerCase());
  if (LEADING.some((name, i) => names[i] !== name))
    throw new LineProblem(`header does not start with ${LEADING.join(' ')}`);
  const rest = names.slice(LEADING.length);
  const named = rest.includes('process:pid');
  const owner = rest.indexOf(named ? 'process:pid' : 'pid');
  if (owner < 0) throw new LineProblem('header has no pid or process:pid column');
  const at = (name: string) => (rest.includes(name) ? rest.indexOf(name) : null);
  return { rest, owner, named, rxbytes: at('rxbytes'), txbytes: at('txbytes') };
}
