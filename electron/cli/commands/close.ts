/**
 * `portlens close <local>:<port> <remote>:<port>`: ends one TCP connection without ending its
 * process (the kernel's SOCK_DESTROY). Shows the connection and its owner, asks, closes, and
 * checks it is gone. Addresses are IP literals as everywhere (IPv6 in brackets).
 */
import type { ContractError } from '../../contract/api.js';
import { closeConnection, previewClose, recordClose, type ClosePreview, type ConnectionTarget } from '../../core/close/close-connection.js';
import { dataDir } from '../../core/paths.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { endpointArg, parse } from '../args.js';
import { endpoint } from '../format.js';
import { UsageError, type CliCommand } from '../io.js';
import { confirm, declined, failure } from './kill.js';

/** Both ends from `local:port remote:port`; a wildcard or a bare port is a usage error. */
export function connectionArgs(positionals: string[]): ConnectionTarget {
  if (positionals.length !== 2) throw new UsageError('give the connection\'s two ends: <local address>:<port> <remote address>:<port>');
  const [local, remote] = positionals.map((text) => endpointArg(text)) as [ReturnType<typeof endpointArg>, ReturnType<typeof endpointArg>];
  for (const [end, text] of [[local, positionals[0]], [remote, positionals[1]]] as const) {
    if (end.address === null || end.address === 'localhost')
      throw new UsageError(`name one address for each end (127.0.0.1:80, [::1]:80), got ${JSON.stringify(text)}`);
  }
  return { localAddress: local.address as string, localPort: local.port, remoteAddress: remote.address as string, remotePort: remote.port };
}

export const closeCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args, { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } }, true);
  const target = connectionArgs(positionals);
  const json = Boolean(values.json);
  const text = json ? io.stderr : io.stdout;
  const preview = previewClose(target, await takeSnapshot());
  if (!preview.ok) return failure(io, json, preview.error);
  text.write(previewText(preview.value));
  if (preview.value.refusal) return failure(io, json, { code: 'permission', message: preview.value.refusal, detail: null });
  if (!values.yes) {
    const answer = await confirm(io, 'Close this connection?');
    if (answer !== 'yes') return declined(io, json, answer, 'the connection stays open');
  }
  const closed = closeConnection(preview.value.row);
  if (!closed.ok) return failure(io, json, closed.error);
  const warning = recordClose(dataDir(), preview.value);
  if (warning) io.stderr.write(`portlens: ${warning}\n`);
  // Gone, or on its way out: the kernel reset it, so it is never ESTABLISHED again.
  const after = previewClose(target, await takeSnapshot(), true);
  const lingering = after.ok && after.value.row.id === preview.value.row.id && after.value.row.state === 'ESTABLISHED';
  if (lingering) return failure(io, json, { code: 'failed', message: 'the kernel accepted the request, but the connection is still established', detail: null } satisfies ContractError);
  if (json) io.stdout.write(`${JSON.stringify({ closed: rowSummary(preview.value) })}\n`);
  else text.write('closed\n');
  return 0;
};

function rowSummary({ row, owner }: ClosePreview) {
  return {
    local: endpoint(row.localAddress, row.localPort),
    remote: endpoint(row.remoteAddress, row.remotePort),
    state: row.state,
    pid: owner?.pid ?? null,
    process: owner?.name ?? null,
  };
}

function previewText(preview: ClosePreview): string {
  const s = rowSummary(preview);
  const owner = s.pid === null ? 'owner not visible' : `${s.process} (pid ${s.pid}) keeps running`;
  return `tcp ${s.local} → ${s.remote} ${s.state}; ${owner}; both ends will see the connection reset\n`;
}
