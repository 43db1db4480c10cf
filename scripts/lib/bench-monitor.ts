/**
 * Benchmark entry: a process that runs only the PortLens monitor, in-process (no worker), and
 * times its steady-state tick (collect → owners → snapshot → diff, what the worker does per
 * poll; posting the delta to another thread is not included). bench.mjs bundles it with
 * esbuild and runs it in a fresh process, so its RSS is the monitor's alone.
 *
 * argv: <warm-up ticks> <timed ticks> <gap ms> [netlink|ss|proc]
 * stdout: one JSON line, a {@link MonitorBenchResult}.
 */
import { Monitor, createDefaultPipeline } from '../../electron/core/monitor/index.js';
import type { SnapshotSource } from '../../electron/core/model.js';

/** What the entry prints. */
export type MonitorBenchResult =
  | {
      ok: true;
      /** Milliseconds per timed tick, in order. */
      samples: number[];
      /** CPU ms (user + system, this process) per timed tick. */
      cpuSamples: number[];
      /** Sockets in the last snapshot. */
      sockets: number;
      source: SnapshotSource;
      warnings: string[];
      /** process.memoryUsage() after the timed ticks. */
      rssBytes: number;
      heapUsedBytes: number;
      /** Peak RSS over the process's life (getrusage). */
      maxRssBytes: number;
    }
  | { ok: false; error: string };

const SOURCES: readonly SnapshotSource[] = ['netlink', 'ss', 'proc', 'lsof', 'netstat'];

function count(text: string | undefined, name: string, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got ${text}`);
  return value;
}

async function main(): Promise<MonitorBenchResult> {
  const [warmupArg, runsArg, gapArg, sourceArg] = process.argv.slice(2);
  const warmup = count(warmupArg, 'warm-up ticks', 2);
  const runs = count(runsArg, 'timed ticks', 15);
  const gapMs = count(gapArg, 'gap ms', 100);
  const prefer = SOURCES.find((source) => source === sourceArg);
  if (sourceArg !== undefined && !prefer)
    throw new Error(`source must be one of ${SOURCES.join(', ')}, got ${sourceArg}`);

  const { pipeline, warnings, close } = createDefaultPipeline(prefer ? { prefer } : {});
  const monitor = new Monitor(pipeline, 1000);
  let failure: string | null = null;
  let sockets = 0;
  monitor.onMessage((message) => {
    if (message.type === 'error') failure = message.message;
    if (message.type === 'tick-stats') sockets = message.sockets;
  });
  const tick = async (): Promise<{ ms: number; cpuMs: number }> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await monitor.tick();
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    if (failure !== null) throw new Error(`monitor tick failed: ${failure}`);
    return { ms, cpuMs: (user + system) / 1000 };
  };
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, gapMs));

  try {
    // The first tick resolves every owner; the warm-up ticks let caches and the JIT settle.
    for (let i = 0; i < Math.max(1, warmup); i++) {
      await tick();
      await pause();
    }
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { ms, cpuMs } = await tick();
      samples.push(ms);
      cpuSamples.push(cpuMs);
      await pause();
    }
    const memory = process.memoryUsage();
    return {
      ok: true,
      samples,
      cpuSamples,
      sockets,
      source: monitor.snapshot()?.source ?? 'proc',
      warnings,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    close();
  }
}

main()
  .catch((error: unknown): MonitorBenchResult => ({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  }))
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = result.ok ? 0 : 1;
  });
