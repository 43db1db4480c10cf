/** `portlens history`: port events PortLens recorded, by time, port, process or text. */
import { HISTORY_EVENT_FIELDS, type HistoryEvent, type HistoryQuery } from '../../contract/history.js';
import { objectsToCsv } from '../../contract/export/csv.js';
import { historyDir, queryHistory } from '../../core/history/history-store.js';
import { dataDir } from '../../core/paths.js';
import { parse, portArg, positiveIntArg } from '../args.js';
import { bytes, endpoint } from '../format.js';
import { UsageError, type CliCommand } from '../io.js';
import { timeArg } from '../time-arg.js';

const DEFAULT_LIMIT = 200;

export const historyCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(
    args,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      port: { type: 'string', short: 'p' },
      pid: { type: 'string' },
      grep: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
  const now = Date.now();
  const query: HistoryQuery = {
    since: values.since === undefined ? null : timeArg(values.since, '--since', now),
    until: values.until === undefined ? null : timeArg(values.until, '--until', now),
    port: values.port === undefined ? null : portArg(values.port, '--port'),
    pid: values.pid === undefined ? null : positiveIntArg(values.pid, '--pid'),
    text: values.grep ?? null,
    limit: values.limit === undefined ? DEFAULT_LIMIT : Math.min(positiveIntArg(values.limit, '--limit'), 100_000),
  };
  const result = queryHistory(historyDir(dataDir()), query);
  if (values.json) io.stdout.write(`${JSON.stringify(result.events)}\n`);
  else if (values.csv) io.stdout.write(objectsToCsv(HISTORY_EVENT_FIELDS, result.events));
  else {
    if (!result.events.length) io.stdout.write('no recorded events match\n');
    for (const event of result.events) io.stdout.write(eventLine(event));
    if (result.truncated) io.stdout.write(`(the ${query.limit} most recent shown; --limit N or --since for more)\n`);
  }
  if (result.damaged) io.stderr.write(`portlens: ${result.damaged} damaged record(s) skipped (a write cut short by a crash)\n`);
  return 0;
};

function eventLine(event: HistoryEvent): string {
  const when = localTime(event.time);
  const owner = event.pid === null ? '-' : `${event.processName ?? '?'} (${event.pid})`;
  const peer = event.remoteAddress === null ? '' : ` → ${endpoint(event.remoteAddress, event.remotePort)}`;
  const traffic = event.bytesSent === null && event.bytesReceived === null ? '' : `  sent ${bytes(event.bytesSent)} recv ${bytes(event.bytesReceived)}`;
  const local = event.localPort === 0 ? '-' : `${event.protocol}${event.family === 6 ? '6' : ''} ${endpoint(event.localAddress, event.localPort)}`;
  const detail = event.detail ? `  ${event.detail}` : '';
  return `${when}  ${event.type.padEnd(17)}  ${(local + peer).padEnd(40)}  ${owner}${traffic}${detail}\n`;
}

/** `2026-12-05 14:00:01` in local time. */
function localTime(time: number): string {
  const d = new Date(time);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
