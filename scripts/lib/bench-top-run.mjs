// `bench.mjs --top`: the CPU `portlens top` uses while it shows a busy machine. Starts a farm of
// real loopback connections (20,000 sockets by default, every 10th moving bytes), runs the built
// `portlens top` on a real pseudo-terminal (util-linux `script`), and reads its CPU time from
// /proc over a measured window after a warm-up; then quits it with `q`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { startSocketFarm } from './socket-farm.mjs';
import { findTool } from './system-tools.mjs';

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** utime + stime of `pid`, in clock ticks (fields 14 and 15 of /proc/pid/stat). */
function cpuTicks(/** @type {number} */ pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The node process `script` started (its one child). */
async function nodeChildOf(/** @type {number} */ scriptPid) {
  for (let i = 0; i < 100; i++) {
    try {
      const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      if (children.length) return Number(children[0]);
    } catch {
      // not yet
    }
    await sleep(50);
  }
  throw new Error('portlens top did not start under script');
}

/**
 * @param {{ root: string; sockets: number; seconds: number; json: boolean; log: (line: string) => void }} options
 */
export async function runTopBench({ root, sockets, seconds, json, log }) {
  if (!findTool('script')) {
    log('top: util-linux `script` is not installed (it gives top a pseudo-terminal); skipped');
    return;
  }
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('build failed (scripts/build.mjs --node)');
  const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  log(`top: starting a farm of ${sockets / 2} connections (${sockets} sockets)`);
  const farm = await startSocketFarm({ tcpConnections: Math.round(sockets / 2), udpSockets: 50, traffic: true });
  try {
    const cli = path.join(root, 'dist/node/cli.cjs');
    const top = spawn('script', ['-qfec', `${process.execPath} ${cli} top`, '/dev/null'], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, COLUMNS: '160', LINES: '50' } });
    const exited = new Promise((resolve) => top.once('exit', resolve));
    const pid = await nodeChildOf(/** @type {number} */ (top.pid));
    log(`top: warming up 5 s, then measuring ${seconds} s`);
    await sleep(5000);
    const startTicks = cpuTicks(pid);
    const started = performance.now();
    await sleep(seconds * 1000);
    const cpuMs = ((cpuTicks(pid) - startTicks) * 1000) / clockTicks;
    const wallMs = performance.now() - started;
    top.stdin.write('q');
    await Promise.race([exited, sleep(5000)]);
    const result = { sockets, seconds, cpuMs, wallMs, cpuShare: cpuMs / wallMs, intervalMs: 1000 };
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else
      process.stdout.write(
        `**portlens top at ${sockets.toLocaleString('en')} sockets** (1 s polls, redrawn on a pty): ${(100 * result.cpuShare).toFixed(1)}% of one core (${cpuMs.toFixed(0)} ms CPU in ${(wallMs / 1000).toFixed(1)} s)\n`,
      );
  } finally {
    await farm.stop();
  }
}
