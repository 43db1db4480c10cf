/**
 * Not a test: a quick timing of each collector against `ss -tan` at this machine's current
 * socket count (the lead's benchmark does the full study). Wall-clock medians swing with the
 * machine's load, so CPU time per call (user + system, which includes the kernel's dump work)
 * is printed too. Run with `npx jiti electron/core/collect/measure-collectors.ts [rounds]`.
 */
import { spawnSync } from 'node:child_process';
import type { LinuxCollector } from './linux-collector.js';
import { NetlinkCollector } from './netlink-collector.js';
import { ProcNetCollector } from './proc-net-collector.js';
import { SsCollector } from './ss-collector.js';

const rounds = Number(process.argv[2] ?? 20);

/** Median wall time and mean CPU time of `rounds` in-process runs, in ms, after a warm-up. */
function inProcess(task: () => void): string {
  task();
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  return `wall median ${median.toFixed(1)} ms, cpu ${((cpu.user + cpu.system) / 1000 / rounds).toFixed(1)} ms/call`;
}

/** Mean CPU time of a command, from the shell's `times` over `rounds` runs (children's line). */
function command(args: string): string {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    'sh',
    ['-c', `i=0; while [ $i -lt ${rounds} ]; do ${args} >/dev/null; i=$((i+1)); done; times`],
    { encoding: 'utf8' },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, m) => sum + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return `wall mean ${wall.toFixed(1)} ms, cpu ${((seconds * 1000) / rounds).toFixed(1)} ms/call`;
}

const collectors: LinuxCollector[] = [new NetlinkCollector(), new ProcNetCollector(), new SsCollector()];
const lines = [`sockets now: ${collectors[0]?.collect().length ?? 0}; ${rounds} rounds each`];
lines.push(`ss -tan: ${command('ss -tan')}`);
lines.push(`ss -tuanieHO: ${command('ss -tuanieHO')}`);
for (const collector of collectors) {
  const note = collector.source === 'ss' ? ' (cpu excludes the ss child)' : '';
  lines.push(`${collector.source} collect(): ${inProcess(() => collector.collect())}${note}`);
  collector.close();
}
process.stdout.write(`${lines.join('\n')}\n`);
