/**
 * A parsed filter and the toolbar toggles compiled into one predicate over rows. Runs for
 * every row on every update, so it allocates nothing per row once a row's search text is
 * cached.
 */
import type { ProcessInfo, SocketRow } from '@contract/model';
import { formatEndpoint, formatRemote, isListening } from '../table/format';
import type { FilterTerm, FilterTermKind, ParsedFilter } from './parse-filter';

/** The toolbar's switches. Both protocols (or families) off means neither is shown. */
export interface FilterToggles {
  listeningOnly: boolean;
  tcp: boolean;
  udp: boolean;
  ipv4: boolean;
  ipv6: boolean;
}

/** Toggles that hide nothing. */
export const DEFAULT_TOGGLES: FilterToggles = {
  listeningOnly: false,
  tcp: true,
  udp: true,
  ipv4: true,
  ipv6: true,
};

/** What a predicate may ask about a row's owners. */
export interface OwnerLookup {
  /** The process with this pid, if known. */
  process(pid: number): ProcessInfo | undefined;
  /** The user name of this uid, if any known process has it. */
  userName(uid: number): string | undefined;
}

/** A compiled filter. */
export type RowPredicate = (row: SocketRow, owners: OwnerLookup) => boolean;

/** The user a row belongs to: its first owner's user, else the name of its uid, else `uid N`. */
export function rowUser(row: SocketRow, owners: OwnerLookup): string {
  const pid = row.pids[0];
  const proc = pid === undefined ? undefined : owners.process(pid);
  if (proc) return proc.user;
  if (row.uid === null) return '';
  return owners.userName(row.uid) ?? `uid ${row.uid}`;
}

/** Names of a row's known owner processes, lower-cased and space-separated. */
function processNames(row: SocketRow, owners: OwnerLookup): string {
  let names = '';
  for (const pid of row.pids) {
    const proc = owners.process(pid);
    if (proc) names += (names ? ' ' : '') + proc.name.toLowerCase();
  }
  return names;
}

// Search text per row, reused while neither the row nor its first owner changed.
const haystacks = new WeakMap<SocketRow, { owner: ProcessInfo | undefined; text: string }>();

/** Everything free text matches: addresses, ports, state, protocol, owners, pids, user. */
export function searchText(row: SocketRow, owners: OwnerLookup): string {
  const first = row.pids[0] === undefined ? undefined : owners.process(row.pids[0]);
  const cached = haystacks.get(row);
  if (cached && cached.owner === first) return cached.text;
  const text = [
    formatEndpoint(row.localAddress, row.localPort, row.family),
    formatRemote(row) ?? '',
    row.state,
    `${row.protocol}${row.family === 6 ? '6' : '4'}`,
    processNames(row, owners),
    row.pids.join(' '),
    rowUser(row, owners),
  ]
    .join(' ')
    .toLowerCase();
  haystacks.set(row, { owner: first, text });
  return text;
}

function termMatches(term: FilterTerm, row: SocketRow, owners: OwnerLookup): boolean {
  switch (term.kind) {
    case 'text':
      return searchText(row, owners).includes(term.value);
    case 'port':
      return (
        (row.localPort >= term.from && row.localPort <= term.to) ||
        (row.remotePort !== null && row.remotePort >= term.from && row.remotePort <= term.to)
      );
    case 'pid':
      return row.pids.includes(term.pid);
    case 'proc':
      return processNames(row, owners).includes(term.value);
    case 'state':
      return term.states.includes(row.state);
    case 'user':
      return rowUser(row, owners).toLowerCase().includes(term.value);
    case 'uid':
      return row.uid === term.uid || row.pids.some((pid) => owners.process(pid)?.uid === term.uid);
  }
}

/** Builds the predicate; null when nothing is filtered (the caller can skip the pass). */
export function compileFilter(filter: ParsedFilter, toggles: FilterToggles): RowPredicate | null {
  const positive = new Map<FilterTermKind, FilterTerm[]>();
  const texts: FilterTerm[] = [];
  const negative: FilterTerm[] = [];
  for (const term of filter.terms) {
    if (term.negate) negative.push(term);
    else if (term.kind === 'text') texts.push(term);
    else positive.set(term.kind, [...(positive.get(term.kind) ?? []), term]);
  }
  const anyOf = [...positive.values()];
  const { listeningOnly, tcp, udp, ipv4, ipv6 } = toggles;
  const togglesHide = listeningOnly || !tcp || !udp || !ipv4 || !ipv6;
  if (!togglesHide && !filter.terms.length) return null;

  return (row, owners) => {
    if (listeningOnly && !isListening(row)) return false;
    if (row.protocol === 'tcp' ? !tcp : !udp) return false;
    if (row.family === 4 ? !ipv4 : !ipv6) return false;
    for (const term of texts) if (!termMatches(term, row, owners)) return false;
    for (const group of anyOf) if (!group.some((term) => termMatches(term, row, owners))) return false;
    for (const term of negative) if (termMatches(term, row, owners)) return false;
    return true;
  };
}
