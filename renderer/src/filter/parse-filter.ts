/**
 * The quick-filter language. Free words match any visible field; tokens narrow one field:
 *
 *   :3000  :3000-3010  port:3000   a local or remote port (or range)
 *   pid:123                        an owning pid
 *   proc:node  process:node        a process name (substring, case-insensitive)
 *   state:listen  state:time-wait  a socket state (prefix: `est` → ESTABLISHED)
 *   user:root  uid:0               the owner's user name (substring) or uid
 *   "two words"                    a quoted free phrase
 *
 * A leading `-` or `!` excludes what the term matches. Terms of different kinds must all
 * match; several positive terms of one kind match any of them (`:80 :443`); free words must
 * all match. Bad tokens are reported with their position and otherwise ignored, so the table
 * keeps showing something useful while the user types.
 */
import type { SocketState } from '@contract/model';
import { SOCKET_STATES } from '@contract/enum-values';

/** One condition of a filter. */
export type FilterTerm =
  | { kind: 'text'; value: string; negate: boolean }
  | { kind: 'port'; from: number; to: number; negate: boolean }
  | { kind: 'pid'; pid: number; negate: boolean }
  | { kind: 'proc'; value: string; negate: boolean }
  | { kind: 'state'; states: SocketState[]; negate: boolean }
  | { kind: 'user'; value: string; negate: boolean }
  | { kind: 'uid'; uid: number; negate: boolean };

/** The kinds of FilterTerm. */
export type FilterTermKind = FilterTerm['kind'];

/** A token that could not be read, with its place in the input (for highlighting). */
export interface FilterIssue {
  token: string;
  start: number;
  end: number;
  message: string;
}

/** A parsed filter: its terms and the tokens that were ignored. */
export interface ParsedFilter {
  terms: FilterTerm[];
  issues: FilterIssue[];
}

/** Every state name, in the order prefixes are tried: the common ones first, then the contract's order. */
const PREFERRED_STATES: readonly SocketState[] = ['LISTEN', 'ESTABLISHED', 'UNCONN'];
export const ALL_STATES: readonly SocketState[] = [
  ...PREFERRED_STATES,
  ...SOCKET_STATES.filter((state) => !PREFERRED_STATES.includes(state)),
];

interface RawToken {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** Splits on whitespace, keeping "quoted phrases" (and `key:"quoted value"`) together. */
export function tokenize(input: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    const start = i;
    let text = '';
    let quoted = false;
    while (i < input.length && !/\s/.test(input[i]!)) {
      if (input[i] === '"') {
        quoted = true;
        i++;
        while (i < input.length && input[i] !== '"') text += input[i++];
        i++; // the closing quote (or the end of input when it is missing)
      } else {
        text += input[i++];
      }
    }
    tokens.push({ text, start, end: Math.min(i, input.length), quoted });
  }
  return tokens;
}

const PORT_RE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function parsePortRange(value: string): { from: number; to: number } | string {
  const match = PORT_RE.exec(value);
  if (!match) return 'a port is a number from 0 to 65535, or a range like 3000-3010';
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from > 65535 || to > 65535) return 'a port is at most 65535';
  if (to < from) return 'a port range goes from low to high';
  return { from, to };
}

/** States whose name starts with `value` (`-` and `_` are the same; case does not matter). */
export function matchStates(value: string): SocketState[] {
  // As shown (`FIN-WAIT-1`, the shared stateName) or as the kernel names it (`FIN_WAIT1`).
  const wanted = value.toUpperCase().replaceAll('-', '_').replace(/_(\d)$/, '$1');
  if (wanted === '') return [];
  const exact = ALL_STATES.filter((state) => state === wanted);
  if (exact.length) return exact;
  return ALL_STATES.filter(
    (state) => state.startsWith(wanted) || state.replaceAll('_', '').startsWith(wanted),
  );
}

type KeyParser = (value: string, negate: boolean) => FilterTerm | string;

const KEYS: Record<string, KeyParser> = {
  port: (value, negate) => {
    const range = parsePortRange(value);
    return typeof range === 'string' ? range : { kind: 'port', ...range, negate };
  },
  pid: (value, negate) => {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1) return 'a pid is a positive number';
    return { kind: 'pid', pid: Number(value), negate };
  },
  proc: (value, negate) => (value ? { kind: 'proc', value: value.toLowerCase(), negate } : 'name a process'),
  state: (value, negate) => {
    const states = matchStates(value);
    if (!states.length) return `no state starts with "${value}" (try listen, established, time-wait)`;
    return { kind: 'state', states, negate };
  },
  user: (value, negate) => (value ? { kind: 'user', value: value.toLowerCase(), negate } : 'name a user'),
  uid: (value, negate) => {
    if (!/^\d{1,10}$/.test(value)) return 'a uid is a number';
    return { kind: 'uid', uid: Number(value), negate };
  },
};
KEYS.process = KEYS.proc!;

/** Parses the quick-filter text. Never throws. */
export function parseFilter(input: string): ParsedFilter {
  const terms: FilterTerm[] = [];
  const issues: FilterIssue[] = [];
  for (const token of tokenize(input)) {
    let text = token.text;
    let negate = false;
    // `-` alone or `-` before a digit-free word: exclusion. (A negative port does not exist.)
    if (!token.quoted && text.length > 1 && (text[0] === '-' || text[0] === '!')) {
      negate = true;
      text = text.slice(1);
    }
    if (text === '') continue;
    const issue = (message: string) =>
      issues.push({ token: token.text, start: token.start, end: token.end, message });

    // `:3000` — but not `::1` or `:::` (IPv6 fragments are free text).
    if (!token.quoted && text[0] === ':' && text[1] !== ':' && text.length > 1 && /^[\d-]/.test(text[1]!)) {
      const range = parsePortRange(text.slice(1));
      if (typeof range === 'string') issue(range);
      else terms.push({ kind: 'port', ...range, negate });
      continue;
    }
    const colon = text.indexOf(':');
    if (colon > 0) {
      const key = text.slice(0, colon).toLowerCase();
      const parser = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
      if (parser) {
        const result = parser(text.slice(colon + 1), negate);
        if (typeof result === 'string') issue(`${key}: ${result}`);
        else terms.push(result);
        continue;
      }
    }
    // Anything else (an address like 127.0.0.1:3000 or [::1], a name, a state) is free text.
    terms.push({ kind: 'text', value: text.toLowerCase(), negate });
  }
  return { terms, issues };
}
