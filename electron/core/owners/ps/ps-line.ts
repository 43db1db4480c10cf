/**
 * Reads ps(1) output lines column by column. ps pads columns with spaces and does not quote
 * anything, so only the last column may hold spaces ("rest of line"): every invocation here
 * puts exactly one free-text column (`args` or `comm`) last. `lstart` is fixed-form in the C
 * locale (`%a %b %e %H:%M:%S %Y`, e.g. `Sat Dec  5 23:00:12 2026`) on procps and BSD/macOS ps.
 */
import { LineProblem, parseLineRows } from '../../collect/line-parser.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LSTART = /^\s*([A-Z][a-z]{2}) +([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?= |$)/;
/** The largest pid, uid or gid any of the systems gives (32 bits). */
const MAX_ID = 0xffff_ffff;

/**
 * An `lstart` text as seconds since the epoch, read as UTC (ps runs with TZ=UTC; a capture from
 * another zone reads as its wall clock). Throws LineProblem unless the date exists and its
 * weekday is the one printed: a locale or format ps was not meant to use is caught here.
 */
export function parseLstart(text: string): number {
  const match = LSTART.exec(text);
  if (!match) throw new LineProblem(`no lstart date: ${JSON.stringify(text.slice(0, 40))}`);
  return lstartOf(match);
}

function lstartOf(match: RegExpExecArray): number {
  const [, weekday = '', monthName = '', day = '', hours = '', minutes = '', seconds = ''] = match;
  const month = MONTHS.indexOf(monthName as (typeof MONTHS)[number]);
  if (month < 0) throw new LineProblem(`lstart month is not a C-locale month: ${monthName}`);
  const ms = Date.UTC(Number(match[7]), month, Number(day), Number(hours), Number(minutes), Number(seconds));
  const date = new Date(ms);
  if (date.getUTCDate() !== Number(day) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59)
    throw new LineProblem(`lstart is not a real time: ${match[0].trim()}`);
  if (WEEKDAYS[date.getUTCDay()] !== weekday)
    throw new LineProblem(`lstart weekday ${weekday} does not match its date: ${match[0].trim()}`);
  return ms / 1000;
}

/** A cursor over one ps output line; each method reads the next column or throws LineProblem. */
export class PsLine {
  #rest: string;

  constructor(readonly text: string) {
    this.#rest = text;
  }

  /** A decimal id column (pid, ppid, uid, gid), right-aligned by ps. */
  id(column: string): number {
    const match = /^\s*(\d{1,10})(?= |$)/.exec(this.#rest);
    const value = match ? Number(match[1]) : NaN;
    if (!match || value > MAX_ID) throw new LineProblem(`${column} is not an id: ${JSON.stringify(this.#head())}`);
    this.#rest = this.#rest.slice(match[0].length);
    return value;
  }

  /** A column without spaces (state, etime). */
  word(column: string): string {
    const match = /^\s*(\S+)(?= |$)/.exec(this.#rest);
    if (!match?.[1]) throw new LineProblem(`no ${column} column`);
    this.#rest = this.#rest.slice(match[0].length);
    return match[1];
  }

  /** The `lstart` column as epoch seconds (see parseLstart). */
  lstart(): number {
    const match = LSTART.exec(this.#rest);
    if (!match) throw new LineProblem(`no lstart date: ${JSON.stringify(this.#head())}`);
    const seconds = lstartOf(match);
    this.#rest = this.#rest.slice(match[0].length);
    return seconds;
  }

  /**
   * The last column: everything after the one space that separates it, verbatim (a name or
   * command line may hold spaces of its own). Empty when ps printed nothing for it.
   */
  rest(): string {
    return this.#rest.startsWith(' ') ? this.#rest.slice(1) : this.#rest;
  }

  #head(): string {
    return this.#rest.trimStart().slice(0, 40);
  }
}

/** Rows read from ps output, and one warning per line that could not be read. */
export interface PsParse<Row> {
  rows: Row[];
  /** `<what> line <n>: <why>: <line>`, one per unreadable line: reported, never dropped silently. */
  warnings: string[];
}

/**
 * Reads every non-blank line of `text` with `readRow` (skipping those `isHeader` names).
 * A line that cannot be read becomes a warning; output with lines but no readable one is not
 * the format asked for, and throws ParseError (the policy of the socket parsers, line-parser.ts).
 */
export function parsePsOutput<Row>(
  text: string,
  what: string,
  readRow: (line: PsLine) => Row,
  isHeader: (line: string) => boolean = () => false,
): PsParse<Row> {
  return parseLineRows(text, what, isHeader, (line) => readRow(new PsLine(line)));
}
