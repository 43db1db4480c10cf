/** `portlens list`: every socket, as an aligned table or a JSON array. */
import type { Snapshot, SocketRow } from '../../contract/model.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { isListening } from '../../core/diff/diff-snapshots.js';
import { parse, portArg, positiveIntArg } from '../args.js';
import { bytes, endpoint, ownerText, table, userText } from '../format.js';
import { jsonRowPieces } from '../json-rows.js';
import { sortForListing } from '../listing-order.js';
import { PiecePool } from '../piece-pool.js';
import { UsageError, type CliCommand } from '../io.js';
import { sourceArg } from './source-arg.js';

export const LIST_USAGE = 'portlens list [--json] [--listening] [--tcp|--udp] [--port N] [--pid N] [--source netlink|ss|proc]';

export const listCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(
    args,
    {
      json: { type: 'boolean' },
      listening: { type: 'boolean', short: 'l' },
      tcp: { type: 'boolean', short: 't' },
      udp: { type: 'boolean', short: 'u' },
      port: { type: 'string', short: 'p' },
      pid: { type: 'string' },
      source: { type: 'string' },
    },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (values.tcp && values.udp) throw new UsageError('--tcp and --udp exclude each other (give neither for both)');
  const port = values.port === undefined ? null : portArg(values.port, '--port');
  const pid = values.pid === undefined ? null : positiveIntArg(values.pid, '--pid');
  const prefer = sourceArg(values.source);

  const snapshot = await takeSnapshot(prefer ? { prefer } : {});
  const rows = snapshot.sockets.filter(
    (row) =>
      (!values.listening || isListening(row)) &&
      (!values.tcp || row.protocol === 'tcp') &&
      (!values.udp || row.protocol === 'udp') &&
      (port === null || row.localPort === port || row.remotePort === port) &&
      (pid === null || row.pids.includes(pid)),
  );
  sortForListing(rows);
  if (values.json) {
    const pool = io.stdoutBytes ? new PiecePool(io.stdoutBytes) : null;
    for (const piece of jsonRowPieces(rows, snapshot.processes, pool?.acquire)) {
      if (pool) await pool.put(piece);
      else io.stdout.write(piece);
    }
    io.stdout.write('\n');
  } else {
    io.stdout.write(humanTable(rows, snapshot));
  }
  return 0;
};

function humanTable(rows: SocketRow[], snapshot: Snapshot): string {
  const body = rows.map((row) => [
    `${row.protocol}${row.family === 6 ? '6' : ''}`,
    endpoint(row.localAddress, row.localPort),
    endpoint(row.remoteAddress, row.remotePort),
    row.state,
    ownerText(row, snapshot.processes),
    userText(row, snapshot.processes),
    bytes(row.bytesSent),
    bytes(row.bytesReceived),
  ]);
  let text = table(['PROTO', 'LOCAL', 'REMOTE', 'STATE', 'PROCESS (PID)', 'USER', 'SENT', 'RECV'], body, new Set([6, 7]));
  if (snapshot.hiddenOwners > 0) {
    text += `\n${snapshot.hiddenOwners} sockets belong to other users' processes; run as root to see their owners.\n`;
  }
  return text;
}
