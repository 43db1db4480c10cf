// The node-netstat comparison: a full listing of every TCP/UDP connection with pids, the way an
// app would use the package. Async mode: its sync mode reads netstat through spawnSync's 1 MB
// default buffer, which ~20,000 sockets overflow (ENOBUFS). It spawns `netstat -apntu` itself.
// Run directly (`node node-netstat-list.mjs`) it lists once and exits: the fresh-process case.
import { fileURLToPath } from 'node:url';
import process from 'node:process';
// @ts-expect-error -- node-netstat ships no types; the part used here is typed just below.
import untypedNetstat from 'node-netstat';

/**
 * node-netstat's entry: calls `onItem` for each parsed connection, then `done` (with an error, if any).
 * @type {(options: { done?: (error: unknown) => void }, onItem: (item: unknown) => void) => void}
 */
const netstat = untypedNetstat;

/**
 * Lists every connection; resolves with how many node-netstat parsed.
 * @returns {Promise<number>}
 */
export function listAll() {
  return new Promise((resolve, reject) => {
    let rows = 0;
    netstat(
      {
        done: (error) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(rows),
      },
      () => {
        rows++;
      },
    );
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await listAll();
  process.stdout.write(`${rows}\n`);
}
