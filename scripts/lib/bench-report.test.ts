import { describe, expect, it } from 'vitest';
import { TOOL, evaluateTargets, renderMarkdown, type ScaleResult, type ToolResult } from './bench-report.mjs';

const MB = 1024 * 1024;

function ok(id: string, medianMs: number): ToolResult {
  return {
    id,
    label: id,
    mode: 'fresh process',
    status: 'ok',
    rows: 1,
    runs: 3,
    medianMs,
    p95Ms: medianMs,
    minMs: medianMs,
    maxMs: medianMs,
    cpuMedianMs: medianMs / 2,
  };
}

function scale(size: number, tools: ToolResult[], rssMb: number | null = null): ScaleResult {
  return {
    scale: size,
    tcpConnections: size / 2,
    udpSockets: 50,
    machineSockets: { tcp: size, udp: 50 },
    runs: 3,
    ticks: 5,
    warmupTicks: 2,
    tools,
    monitor:
      rssMb === null
        ? null
        : {
            rssBytes: rssMb * MB,
            maxRssBytes: rssMb * MB,
            heapUsedBytes: MB,
            sockets: size,
            source: 'netlink',
          },
  };
}

const byName = (targets: ReturnType<typeof evaluateTargets>, start: string) =>
  targets.find((t) => t.name.startsWith(start));

describe('evaluateTargets', () => {
  it('compares each target with its limit, as ratios to ss -tanpi where the target says so', () => {
    const ss = 200;
    const passing = evaluateTargets([
      scale(300, [ok(TOOL.tick, 4), ok(TOOL.ssTanpi, 20)]),
      scale(
        20_000,
        [
          ok(TOOL.cold, ss * 0.9),
          ok(TOOL.tick, ss * 0.25),
          ok(TOOL.ssTanpi, ss),
          ok(TOOL.nodeNetstat, ss * 0.25 * 4),
        ],
        120,
      ),
    ]);
    expect(passing.map((t) => t.met)).toEqual([true, true, true, true, true]);
    expect(byName(passing, '20,000 sockets: `portlens list')?.value).toBeCloseTo(0.9);
    // CPU time is reported beside wall time; the fixtures use half the wall time as CPU.
    expect(byName(passing, '300 sockets')?.cpuValue).toBeCloseTo(2);

    const failing = evaluateTargets([
      scale(300, [ok(TOOL.tick, 6), ok(TOOL.ssTanpi, 20)]),
      scale(
        20_000,
        [
          ok(TOOL.cold, ss * 1.1),
          ok(TOOL.tick, ss * 0.35),
          ok(TOOL.ssTanpi, ss),
          ok(TOOL.nodeNetstat, ss * 0.35 * 2),
        ],
        160,
      ),
    ]);
    expect(failing.map((t) => t.met)).toEqual([false, false, false, false, false]);
  });

  it('a scale that was not run or a tool that failed leaves its targets unmeasured, not failed', () => {
    const targets = evaluateTargets([
      scale(300, [{ ...ok(TOOL.tick, 1), status: 'failed', reason: 'build failed' }, ok(TOOL.ssTanpi, 20)]),
    ]);
    expect(targets.map((t) => t.met)).toEqual([null, null, null, null, null]);
    expect(targets.every((t) => t.value === null)).toBe(true);
  });
});

describe('renderMarkdown', () => {
  it('prints one row per tool with its ratio to ss -tanpi, says "not installed" for missing tools, and lists the targets', () => {
    const scales = [
      scale(300, [
        ok(TOOL.ssTanpi, 20),
        ok('ss-tan', 10),
        { id: 'lsof', label: '`lsof -nP -i`', mode: 'fresh process', status: 'not-installed' },
      ]),
    ];
    const text = renderMarkdown({
      date: 'now',
      command: 'node scripts/bench.mjs --scale 300',
      machine: { cpus: 2, cpuModel: 'cpu', kernel: '6.1', node: 'v20', ss: 'ss' },
      scales,
      targets: evaluateTargets(scales),
    });
    expect(text).toContain('| ss-tan | fresh process | 1 | 10.0 | 10.0 | 0.50× | 5.0 | 0.50× |');
    expect(text).toMatch(/\| `lsof -nP -i` \| fresh process \| {2}\| not installed \|/);
    expect(text).toContain('| 300 sockets: monitor tick | ≤ 5 ms | not measured | – | – |');
  });
});
