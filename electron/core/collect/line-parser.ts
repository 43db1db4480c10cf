/**
 * The policy shared by the text parsers (ss, /proc/net): a line that cannot be read is skipped
 * with a warning naming its line number, so one odd line never blanks the table; output in
 * which no line can be read is a changed format, and throws ParseError.
 */
import { ParseError } from '../model.js';
import type { RawSocket } from '../model.js';

/** Sockets read from command output or a /proc file, and the lines that had to be skipped. */
export interface ParseResult {
  sockets: RawSocket[];
  /** One entry per skipped line: `<what> line <n>: <why>: <line>`. */
  warnings: string[];
}

/** Thrown by a line parser for a line it cannot read; becomes a warning or a ParseError. */
export class LineProblem extends Error {
  override readonly name = 'LineProblem';
}

/** Longest piece of a bad line quoted in a warning. */
const EXCERPT = 160;

/**
 * Runs `parseLine` on every line that is not blank and not skipped by `isHeader` (which gets
 * the 1-based line number). Throws ParseError when lines were present but none could be read.
 */
export function parseLines(
  text: string,
  what: string,
  isHeader: (line: string, lineNumber: number) => boolean,
  parseLine: (line: string) => RawSocket,
): ParseResult {
  const { rows, warnings } = parseLineRows(text, what, isHeader, parseLine);
  return { sockets: rows, warnings };
}

/** parseLines for rows of any kind (the process table's ps output, too). */
export function parseLineRows<Row>(
  text: string,
  what: string,
  isHeader: (line: string, lineNumber: number) => boolean,
  parseLine: (line: string) => Row,
): { rows: Row[]; warnings: string[] } {
  const rows: Row[] = [];
  const warnings: string[] = [];
  let first: { line: number; message: string } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || isHeader(line, i + 1)) continue;
    try {
      rows.push(parseLine(line));
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      first ??= { line: i + 1, message: error.message };
      const excerpt = line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line;
      warnings.push(`${what} line ${i + 1}: ${error.message}: ${excerpt.trim()}`);
    }
  }
  if (first !== null && rows.length === 0) {
    throw new ParseError(
      what,
      `no line could be read (${warnings.length} tried): ${first.message}`,
      first.line,
    );
  }
  return { rows, warnings };
}

/** A non-negative decimal integer up to 64 bits (counters past 2^53 lose only precision). */
export function decimal(text: string, field: string): number {
  if (!/^\d{1,20}$/.test(text))
    throw new LineProblem(`${field} is not a decimal count: ${JSON.stringify(text)}`);
  return Number(text);
}
