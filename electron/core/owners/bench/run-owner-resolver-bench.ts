/**
 * Entry for the owner-resolver benchmark. Bundle and run (from the repo root):
 *   node -e "require('esbuild').buildSync({entryPoints:['electron/core/owners/bench/run-owner-resolver-bench.ts'],
 *     bundle:true,platform:'node',format:'esm',outfile:'/tmp/owner-bench.mjs'})" && node /tmp/owner-bench.mjs 150 5000 9900
 * Arguments: connection counts (each connection is two sockets: client and server side).
 */
import { benchOwnerResolver } from './owner-resolver-bench.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const f = (ms: number): string => `${ms.toFixed(2)} ms`;
for (const size of sizes.length ? sizes : [150, 5000, 9900]) {
  const r = await benchOwnerResolver(size);
  process.stdout.write(
    [
      `\n${r.connections} connections, ${r.tcpInodes} TCP inodes`,
      `  ss -tan                 ${f(r.ssTan)}`,
      `  ss -tanp                ${f(r.ssTanp)}   (its /proc scan ≈ ${f(r.ssTanp - r.ssTan)})`,
      `  cold full resolve       ${f(r.cold.ms)}   dirs ${r.cold.stats.dirsRead}, links ${r.cold.stats.linksRead}`,
      `  steady (no new inodes)  median ${f(r.steady.medianMs)}, max ${f(r.steady.maxMs)}   kind ${r.steady.stats.kind}, dirs ${r.steady.stats.dirsRead}, result reused ${r.steady.stats.reusedResult}`,
      `  1 new connection        ${f(r.incremental.ms)}   kind ${r.incremental.stats.kind}, searched ${r.incremental.stats.searchedDirs}, swept ${r.incremental.stats.sweptDirs}, links ${r.incremental.stats.linksRead}`,
      `  1 closed + 1 new (churn) ${f(r.churn.ms)}   kind ${r.churn.stats.kind}, searched ${r.churn.stats.searchedDirs}, swept ${r.churn.stats.sweptDirs}, links ${r.churn.stats.linksRead}`,
      `  periodic full rescan    ${f(r.periodicFull.ms)}   links ${r.periodicFull.stats.linksRead}`,
      '',
    ].join('\n'),
  );
}
