/** `portlens list`: every socket, as an aligned table, a JSON array or CSV. */
import type { Snapshot, SnapshotSource, SocketRow } from '../../contract/model.js';
import { keepFreedMemory } from '../../core/one-shot/one-shot-memory.js';
import { takeListing, type SocketQueues } from '../../core/one-shot/socket-listing.js';
import { isListening } from '../../contract/row-fields.js';
import { parse, portArg, positiveIntArg } from '../args.js';
import { protocolName, scopeLabel, stateName } from '../../contract/display-text.js';
import { bytes, endpoint, ownerText, paintOwner, paintScope, paintState, table, userText } from '../format.js';
import { jsonRowPieces } from '../../core/one-shot/json-rows.js';
import { listingKey, orderByKeys, sortForListing, type RowList } from '../../core/one-shot/listing-order.js';
import { PiecePool } from '../../core/one-shot/piece-pool.js';
import { UsageError, type CliCommand } from '../io.js';
import { processesArg, sourceArg } from './source-arg.js';
import type { ListingNames } from '../../core/names/listing-names.js';
import { rowsToCsv } from '../../contract/export/row-export.js';

export const listCommand: CliCommand = async (args, io) => {
  if (args.includes('--idle')) return (await import('./list-idle.js')).listIdleCommand(args, io);
  const { values, positionals } = parse(
    args,
    {
      json: { type: 'boolean' },
      wide: { type: 'boolean', short: 'w' },
      csv: { type: 'boolean' },
      resolve: { type: 'boolean', short: 'r' },
      listening: { type: 'boolean', short: 'l' },
      tcp: { type: 'boolean', short: 't' },
      udp: { type: 'boolean', short: 'u' },
      port: { type: 'string', short: 'p' },
      pid: { type: 'string' },
      source: { type: 'string' },
      processes: { type: 'string' },
    },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
  if (values.resolve && (values.json || values.csv)) throw new UsageError('--resolve names addresses in the table; --json and --csv keep the addresses as they are');
  if (values.tcp && values.udp) throw new UsageError('--tcp and --udp exclude each other (give neither for both)');
  const port = values.port === undefined ? null : portArg(values.port, '--port');
  const pid = values.pid === undefined ? null : positiveIntArg(values.pid, '--pid');
  const prefer = sourceArg(values.source);
  const processes = processesArg(values.processes);

  const matches = (row: SocketRow): boolean =>
    (!values.listening || isListening(row)) &&
    (!values.tcp || row.protocol === 'tcp') &&
    (!values.udp || row.protocol === 'udp') &&
    (port === null || row.localPort === port || row.remotePort === port) &&
    (pid === null || row.pids.includes(pid));
  const found = await listedRows(matches, prefer, processes);
  if (values.json) {
    // 64 KiB pieces (a pipe's buffer): fewer fresh pages to fault in than the pool's default.
    const pool = io.stdoutBytes ? new PiecePool(io.stdoutBytes, 64 * 1024, 4) : null;
    for (const piece of jsonRowPieces(found.rows, found.processes, pool?.acquire)) {
      if (pool) await pool.put(piece);
      else io.stdout.write(piece);
    }
    io.stdout.write('\n');
  } else if (values.csv) {
    const rows = Array.from({ length: found.rows.length }, (_, i) => found.copyAt(i));
    io.stdout.write(rowsToCsv(rows, (pid) => found.processes[pid]));
  } else {
    const rows = Array.from({ length: found.rows.length }, (_, i) => found.copyAt(i));
    const names = values.resolve
      ? await (await import('../../core/names/listing-names.js')).resolveListingNames(rows.flatMap((row) => (row.remoteAddress === null ? [] : [row.remoteAddress])))
      : null;
    io.stdout.write(humanTable(rows, found, { color: Boolean(io.color), wide: Boolean(values.wide), names }));
  }
  return 0;
};

/** The rows to list, in listing order, and what the output needs besides them. */
interface ListedRows extends Pick<Snapshot, 'processes' | 'hiddenOwners'> {
  /** Rows in order; from a listing, made into one reused object (read one at a time). */
  rows: RowList;
  /** Row `i` as an object of its own. */
  copyAt(i: number): SocketRow;
  /** Row `i`'s queues, where the source has them (netlink). */
  queuesAt?(i: number): SocketQueues;
}

/**
 * The matching rows in listing order: from a SocketListing (netlink, no object per socket)
 * where that source is wanted and works, else from a snapshot of the fallback collectors.
 */
async function listedRows(
  matches: (row: SocketRow) => boolean,
  prefer: SnapshotSource | undefined,
  processes: 'proc' | 'ps' | undefined,
): Promise<ListedRows> {
  keepFreedMemory();
  // The listing reads processes from /proc: `--processes ps` (the macOS reader, here) takes a snapshot.
  const listing = (prefer === undefined || prefer === 'netlink') && processes !== 'ps' ? takeListing() : null;
  if (listing) {
    // One pass filters and takes the sort keys; rows are made again, one at a time, to write.
    const view = {} as SocketRow;
    const kept: number[] = [];
    const keys: number[] = [];
    for (let i = 0; i < listing.length; i++) {
      const row = listing.rowAt(i, view);
      if (!matches(row)) continue;
      kept.push(i);
      keys.push(listingKey(row));
    }
    const order = orderByKeys(keys);
    const indexOf = (j: number): number => kept[order[j] as number] as number;
    return {
      rows: { length: order.length, at: (j) => listing.rowAt(indexOf(j), view) },
      copyAt: (j) => listing.rowAt(indexOf(j)),
      queuesAt: (j) => listing.queuesAt(indexOf(j)),
      processes: listing.processes,
      hiddenOwners: listing.hiddenOwners,
    };
  }
  // The fallback collectors (ss, /proc/net) load only when needed: start-up is part of list's time.
  const { takeSnapshot } = await import('../../core/snapshot/default-pipeline.js');
  const snapshot = await takeSnapshot({ ...(prefer ? { prefer } : {}), ...(processes ? { processes } : {}) });
  const rows = snapshot.sockets.filter(matches);
  sortForListing(rows);
  return { rows, copyAt: (i) => rows[i] as SocketRow, processes: snapshot.processes, hiddenOwners: snapshot.hiddenOwners };
}

/** How the table is printed: coloured (a terminal), wide (with `ss`'s queue columns), named (--resolve). */
interface TableStyle {
  color: boolean;
  wide: boolean;
  names: ListingNames | null;
}

function humanTable(rows: SocketRow[], listed: Pick<ListedRows, 'processes' | 'hiddenOwners' | 'queuesAt'>, style: TableStyle): string {
  const { color, names } = style;
  const queues = (i: number): string[] => {
    const queue = listed.queuesAt?.(i);
    return queue ? [String(queue.receive), String(queue.send)] : ['-', '-'];
  };
  const named = (text: string, name: string | null | undefined): string => (name ? `${text} (${name})` : text);
  const remoteName = (row: SocketRow): string | null =>
    names && row.remoteAddress !== null
      ? [names.remote(row.remoteAddress), row.remotePort === null ? null : names.service(row.remotePort, row.protocol)].filter(Boolean).join(', ')
      : null;
  const body = rows.map((row, i) => [
    protocolName(row),
    named(endpoint(row.localAddress, row.localPort), names?.service(row.localPort, row.protocol)),
    named(endpoint(row.remoteAddress, row.remotePort), remoteName(row)),
    stateName(row.state),
    scopeLabel(row),
    ownerText(row, listed.processes),
    userText(row, listed.processes),
    bytes(row.bytesSent),
    bytes(row.bytesReceived),
    ...(style.wide ? queues(i) : []),
  ]);
  const paint = (r: number, column: number, text: string): string => {
    const row = rows[r] as SocketRow;
    if (column === 3) return paintState(text, row.state, color);
    if (column === 4) return paintScope(text, row.scope, color);
    return column === 5 ? paintOwner(text, row, color) : text;
  };
  const header = ['PROTO', 'LOCAL', 'REMOTE', 'STATE', 'SCOPE', 'PROCESS (PID)', 'USER', 'SENT', 'RECV'];
  if (style.wide) header.push('RECV-Q', 'SEND-Q');
  let text = table(header, body, new Set([7, 8, 9, 10]), color ? paint : null);
  if (listed.hiddenOwners > 0) {
    text += `\n${listed.hiddenOwners} sockets belong to other users' processes; run as root to see their owners.\n`;
  }
  if (style.wide && !listed.queuesAt) text += '\nRECV-Q and SEND-Q come from netlink, which is not available here.\n';
  return text;
}
