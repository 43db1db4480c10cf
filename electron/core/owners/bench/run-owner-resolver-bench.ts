/**
 * Entry for the owner-resolver benchmark. Bundle and run (from the repo root):
 *   node -e "require('esbuild').buildSync({entryPoints:['electron/core/owners/bench/run-owner-resolver-bench.ts'],
 *     bundle:true,platform:'node',format:'esm',outfile:'/tmp/owner-bench.mjs'})" && node /tmp/owner-bench.mjs 150 5000 9900
 * Arguments: connection counts (each connection is two sockets: client and server side).
 */
import { loadavg } from 'node:os';
import { benchOwnerResolver, type Cost, type ResolveCost } from './owner-resolver-bench.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const ms = (value: number): string => `${value.toFixed(2).padStart(8)} ms`;
const cost = (c: Cost): string => `cpu ${ms(c.cpuMs)}  wall ${ms(c.wallMs)}`;
const scan = (c: ResolveCost): string =>
  `${cost(c)}   ${c.stats.kind}: dirs ${c.stats.dirsRead}, searched ${c.stats.searchedDirs}, swept ${c.stats.sweptDirs}, links ${c.stats.linksRead}`;

for (const size of sizes.length ? sizes : [150, 5000, 9900]) {
  const r = await benchOwnerResolver(size);
  process.stdout.write(
    [
      `\n${r.connections} connections, ${r.tcpInodes} TCP inodes (load average ${loadavg()[0]?.toFixed(1)})`,
      `  ss -tan                   ${cost(r.ssTan)}`,
      `  ss -tanp                  ${cost(r.ssTanp)}   (its /proc scan: cpu ${ms(r.ssTanp.cpuMs - r.ssTan.cpuMs)})`,
      `  cold full resolve         ${scan(r.cold)}`,
      `  steady, no new inodes     ${cost(r.steady)}   max wall ${ms(r.steady.maxWallMs)}, result reused ${r.steady.stats.reusedResult}, dirs over 30 calls ${r.steady.dirsRead}`,
      `  +1 connection (growth)    ${scan(r.incremental)}`,
      `  -1 +1 connection (churn)  ${scan(r.churn)}`,
      `  periodic full rescan      ${scan(r.periodicFull)}`,
      '',
    ].join('\n'),
  );
}
