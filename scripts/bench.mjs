#!/usr/bin/env node
// The PortLens benchmark (`npm run bench`). At each scale it starts a farm of real loopback
// sockets in child processes, then times, interleaved round by round so drift hits all alike:
//   - `portlens list --json` as a fresh process (cold start, collection, owners, JSON), and
//     with `--source lsof` and `--source netstat` (the macOS path and net-tools, on Linux);
//   - `ss -tanpi`, `ss -tan`, `netstat -apntu`, `lsof -nP -i`, and node-netstat in a fresh process;
// then node-netstat in-process (warm) and the PortLens monitor's steady-state tick in a process
// that runs only the monitor (which also gives the monitor's RSS), then that tick over lsof
// and over netstat. It prints a Markdown table
// (or JSON with --json), checks the targets, and writes the results as JSON.
//
// Usage: node scripts/bench.mjs [--scale 300|20000 ...] [--runs N] [--ticks N] [--udp N]
//          [--tick-gap MS] [--source netlink|ss|proc|lsof|netstat] [--profile] [--skip-build] [--keep-env] [--host] [--nice=N]
//          [--json] [--out FILE] [--no-save]
//        node scripts/bench.mjs --history [--history-events N] [--runs N] [--json]
//        node scripts/bench.mjs --top [--scale N] [--json]
// --history times the history store instead: queries over a day of N events (default 1,000,000).
// --top measures the CPU of `portlens top` on a pty at N sockets (default 20,000) over 20 s.
// As root it re-runs itself in private network, PID and mount namespaces (unless --host), so
// every tool sees the farm's sockets and processes, not whatever else the machine runs meanwhile.
// --nice N runs the bench and everything it starts at that scheduling priority (negative needs
// root): on a busy shared machine it keeps other work from dominating every sample alike.
// NODE_EXTRA_CA_CERTS is removed from the children's environment unless --keep-env: it makes
// every node start parse a CA bundle (+25–35 ms here), which PortLens never needs and which a
// user's shell rarely sets; it would charge the node-based rows for the test machine's setup.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderMarkdown, evaluateTargets, TOOL } from './lib/bench-report.mjs';
import { median, summarize } from './lib/bench-stats.mjs';
import { killRunning, timeAsync, timeCommand } from './lib/bench-timing.mjs';
import { profileMarkdown, summarizeProfile } from './lib/cpu-profile-summary.mjs';
import { listAll as nodeNetstatListAll } from './lib/node-netstat-list.mjs';
import { INSIDE_ENV, namespacesUnavailable, runInPrivateNamespaces } from './lib/private-namespaces.mjs';
import { startSocketFarm } from './lib/socket-farm.mjs';
import { findTool, missingTools } from './lib/system-tools.mjs';

/** @import { MonitorMemory, ScaleResult, ToolResult } from './lib/bench-report.mjs' */
/** @import { SampleSummary } from './lib/bench-stats.mjs' */
/** @import { ProfileSummary } from './lib/cpu-profile-summary.mjs' */
/** @import { SocketFarm } from './lib/socket-farm.mjs' */

/** @typedef {{ ok: boolean; reason: string | null }} CliBuild Whether dist/node built, and if not why. */
/** @typedef {CliBuild & { file: string }} MonitorBuild Whether the monitor bench entry built, and where to. */
/** @typedef {{ cli: CliBuild; monitor: MonitorBuild }} Builds */

/**
 * A command compared in a fresh process.
 * @typedef {object} ExternalTool
 * @property {string} id
 * @property {string} label
 * @property {string} mode
 * @property {string} command
 * @property {string[]} args
 * @property {(stdout: string) => number} rows Counts the rows in what it printed.
 * @property {string | null} [blocked] Why it cannot run (its build failed).
 * @property {string} [needs] A tool it runs, without which it cannot.
 */

/**
 * An external tool's runs so far.
 * @typedef {object} ExternalResult
 * @property {ToolResult['status']} status
 * @property {string | null} [reason]
 * @property {number | null} [rows]
 * @property {number[]} samples
 * @property {number[]} cpuSamples
 */

/**
 * The JSON line scripts/lib/bench-monitor.ts prints (its MonitorBenchResult).
 * @typedef {{ ok: false; error: string }
 *   | ({ ok: true; samples: number[]; cpuSamples: number[]; warnings?: string[] } & MonitorMemory)} MonitorResult
 */

/** @typedef {{ tcp: number | null; udp: number | null }} MachineSockets */

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_SCALES = [300, 20_000];
const SOURCES = ['netlink', 'ss', 'proc', 'lsof', 'netstat'];
/** Collectors over a tool, measured beside the default source at every scale. */
const TOOL_SOURCES = /** @type {const} */ (['lsof', 'netstat']);
/** The peers PortLens is compared with: absent ones get a "not installed" row, not a failure. */
const PEER_TOOLS = ['ss', 'netstat', 'lsof'];
/** node-netstat runs `netstat -apntu` and parses it: without netstat it has nothing to read. */
const NODE_NETSTAT_NEEDS = 'netstat';
/** @param {string} text */
const log = (text) => process.stderr.write(`bench: ${text}\n`);

/** The one --scale given with --top, else 20,000 sockets. */
function topSockets(/** @type {{ scales: number[] }} */ opts) {
  return opts.scales.length === 1 ? /** @type {number} */ (opts.scales[0]) : 20_000;
}

/** Bad command-line arguments: printed without a stack, exit 2. */
class UsageError extends Error {}

/** The usage comment at the top of this file, without its comment markers. */
function usage() {
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').match(
    /\/\/ Usage:[^]*?\n(?=import)/,
  )?.[0];
  return (header ?? '').replace(/^\/\/ ?/gm, '');
}

function options() {
  try {
    return parseOptions();
  } catch (error) {
    const thrown = /** @type {NodeJS.ErrnoException} */ (error);
    if (error instanceof UsageError || String(thrown?.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(thrown.message);
    throw error;
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', multiple: true },
      runs: { type: 'string' },
      ticks: { type: 'string' },
      'tick-gap': { type: 'string' },
      udp: { type: 'string' },
      source: { type: 'string' },
      profile: { type: 'boolean' },
      'skip-build': { type: 'boolean' },
      'keep-env': { type: 'boolean' },
      host: { type: 'boolean' },
      nice: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'no-save': { type: 'boolean' },
      history: { type: 'boolean' },
      top: { type: 'boolean' },
      'history-events': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage());
    process.exit(0);
  }
  /** @type {(text: string, name: string, min: number) => number} */
  const int = (text, name, min) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`${name} must be an integer ≥ ${min}, got "${text}"`);
    return value;
  };
  const scales = values.scale
    ? values.scale.flatMap((s) => s.split(',')).map((s) => int(s, '--scale', 2))
    : DEFAULT_SCALES;
  if (values.source !== undefined && !SOURCES.includes(values.source))
    throw new UsageError(`--source must be one of ${SOURCES.join(', ')}`);
  const partial = Boolean(values.scale);
  return {
    scales,
    runs: values.runs === undefined ? null : int(values.runs, '--runs', 1),
    ticks: values.ticks === undefined ? 30 : int(values.ticks, '--ticks', 1),
    // Ticks are spaced like the default poll interval: the owner resolver's periodic full
    // rescan (every 10 s or 20 calls) then lands in the samples as often as in real use.
    tickGapMs: values['tick-gap'] === undefined ? 1000 : int(values['tick-gap'], '--tick-gap', 0),
    udp: values.udp === undefined ? 50 : int(values.udp, '--udp', 0),
    source: values.source ?? null,
    profile: Boolean(values.profile),
    skipBuild: Boolean(values['skip-build']),
    keepEnv: Boolean(values['keep-env']),
    host: Boolean(values.host),
    nice: values.nice === undefined ? null : int(values.nice, '--nice', -20),
    json: Boolean(values.json),
    history: Boolean(values.history),
    top: Boolean(values.top),
    historyEvents: values['history-events'] === undefined ? 1_000_000 : int(values['history-events'], '--history-events', 1),
    // A partial run does not overwrite the committed full results unless asked to.
    out: values['no-save']
      ? null
      : (values.out ?? (partial ? null : path.join(root, 'docs/bench-results.json'))),
  };
}

/**
 * Builds the CLI (dist/node) and the monitor bench entry (dist/bench); reports what failed.
 * @param {boolean} skipBuild
 * @returns {Promise<Builds>}
 */
async function buildAll(skipBuild) {
  /** @type {CliBuild} */
  const cli = { ok: true, reason: null };
  if (!skipBuild) {
    log('building dist/node (scripts/build.mjs --node)');
    const built = await timeCommand(process.execPath, ['scripts/build.mjs', '--node'], {
      cwd: root,
      capture: true,
    });
    if (built.status !== 'ok') {
      const firstError = (built.stderr ?? '')
        .split('\n')
        .find((line) => /\[ERROR\]|Error:/.test(line))
        ?.trim();
      Object.assign(cli, { ok: false, reason: `build failed: ${firstError ?? built.reason}` });
    }
  }
  const monitorBench = path.join(root, 'dist/bench/monitor-bench.mjs');
  /** @type {MonitorBuild} */
  const monitor = { ok: true, reason: null, file: monitorBench };
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ['scripts/lib/bench-monitor.ts'],
      outfile: monitorBench,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'linked',
      external: ['koffi', 'electron', 'bufferutil', 'utf-8-validate'],
      banner: {
        js: "import { createRequire as __plCreateRequire } from 'node:module'; const require = __plCreateRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
  } catch (error) {
    const failure = /** @type {Partial<import('esbuild').BuildFailure> | undefined} */ (error);
    const first = failure?.errors?.[0];
    const detail = first
      ? `${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}`
      : String(failure?.message ?? error);
    Object.assign(monitor, { ok: false, reason: `build failed: ${detail}` });
  }
  return { cli, monitor };
}

/**
 * Counts what a tool printed, so the table shows each one saw the farm.
 * @param {number} skip Header lines.
 * @returns {(stdout: string) => number}
 */
const lineCount = (skip) => (stdout) =>
  Math.max(0, stdout.split('\n').filter((line) => line.trim() !== '').length - skip);
/** @type {Record<'json' | 'ssInfo' | 'number', (stdout: string) => number>} */
const ROW_COUNTERS = {
  json: (stdout) => JSON.parse(stdout).length,
  // -i puts each socket's tcp_info on a continuation line starting with whitespace.
  ssInfo: (stdout) =>
    Math.max(0, stdout.split('\n').filter((line) => line !== '' && !/^\s/.test(line)).length - 1),
  number: (stdout) => Number(stdout.trim()),
};

/**
 * The commands compared in fresh processes.
 * @param {CliBuild} cliBuild
 * @param {string | null} source
 * @param {SocketFarm} farm
 * @returns {ExternalTool[]}
 */
function externalTools(cliBuild, source, farm) {
  const node = process.execPath;
  return [
    {
      id: TOOL.cold,
      label: '`portlens list --json`',
      command: node,
      args: ['bin/portlens.cjs', 'list', '--json', ...(source ? ['--source', source] : [])],
      rows: ROW_COUNTERS.json,
      blocked: cliBuild.ok ? null : cliBuild.reason,
    },
    {
      // Why can't I reach it? on one of the farm's listeners: every check, each bounded in time
      // (the whole run within 3 s); its probes wait for the service, so this is the time a user waits.
      id: 'portlens-diagnose',
      label: '`portlens diagnose <listener> --json` (rows: listeners on the port)',
      command: node,
      args: ['bin/portlens.cjs', 'diagnose', `${farm.serverAddress}:${farm.ports[0]}`, '--json'],
      rows: (/** @type {string} */ stdout) => JSON.parse(stdout).listeners.length,
      blocked: cliBuild.ok ? null : cliBuild.reason,
    },
    { id: TOOL.ssTanpi, label: '`ss -tanpi`', command: 'ss', args: ['-tanpi'], rows: ROW_COUNTERS.ssInfo },
    // The macOS path (lsof names the owners) and net-tools, as collectors, measured here on Linux.
    ...TOOL_SOURCES.map((tool) => ({
      id: `portlens-cold-${tool}`,
      label: `\`portlens list --json --source ${tool}\``,
      command: node,
      args: ['bin/portlens.cjs', 'list', '--json', '--source', tool],
      rows: ROW_COUNTERS.json,
      blocked: cliBuild.ok ? null : cliBuild.reason,
      needs: tool,
    })),
    {
      id: 'ss-tan',
      label: '`ss -tan` (reference, no owners)',
      command: 'ss',
      args: ['-tan'],
      rows: lineCount(1),
    },
    { id: 'netstat', label: '`netstat -apntu`', command: 'netstat', args: ['-apntu'], rows: lineCount(2) },
    { id: 'lsof', label: '`lsof -nP -i`', command: 'lsof', args: ['-nP', '-i'], rows: lineCount(1) },
    {
      id: 'node-netstat-fresh-process',
      label: 'node-netstat (async, all connections)',
      command: node,
      args: ['scripts/lib/node-netstat-list.mjs'],
      rows: ROW_COUNTERS.number,
      needs: NODE_NETSTAT_NEEDS,
    },
  ].map((tool) => ({ ...tool, mode: 'fresh process' }));
}

/**
 * Warm-up run (captured, to count rows and catch failures), then `runs` interleaved timed rounds.
 * @param {ExternalTool[]} tools
 * @param {number} runs
 * @returns {Promise<ToolResult[]>}
 */
async function measureExternal(tools, runs) {
  /** @type {Map<ExternalTool, ExternalResult>} */
  const results = new Map();
  for (const tool of tools) {
    if (tool.blocked) {
      results.set(tool, { status: 'failed', reason: tool.blocked, samples: [], cpuSamples: [] });
      continue;
    }
    if (tool.needs && !findTool(tool.needs)) {
      results.set(tool, { status: 'not-installed', reason: `needs \`${tool.needs}\``, samples: [], cpuSamples: [] });
      continue;
    }
    const warm = await timeCommand(tool.command, tool.args, { cwd: root, capture: true });
    let rows = null;
    if (warm.status === 'ok') {
      try {
        rows = tool.rows(warm.stdout ?? '');
      } catch (error) {
        results.set(tool, {
          status: 'failed',
          reason: `unreadable output: ${/** @type {Error} */ (error).message}`,
          samples: [],
          cpuSamples: [],
        });
        continue;
      }
    }
    results.set(tool, {
      status: warm.status,
      reason: warm.reason ?? null,
      rows,
      samples: [],
      cpuSamples: [],
    });
  }
  // Every tool has a result from here on.
  const resultOf = (/** @type {ExternalTool} */ tool) => /** @type {ExternalResult} */ (results.get(tool));
  const timed = tools.filter((tool) => resultOf(tool).status === 'ok');
  for (let round = 0; round < runs; round++) {
    // Rotate the order each round so no tool always runs right after the same neighbour.
    for (let i = 0; i < timed.length; i++) {
      const tool = /** @type {ExternalTool} */ (timed[(i + round) % timed.length]);
      const run = await timeCommand(tool.command, tool.args, { cwd: root });
      const result = resultOf(tool);
      if (run.status === 'ok') {
        result.samples.push(run.ms);
        if (run.cpuMs !== null) result.cpuSamples.push(run.cpuMs);
      } else Object.assign(result, { status: 'failed', reason: run.reason });
    }
  }
  return tools.map((tool) => {
    const { samples, cpuSamples, ...result } = resultOf(tool);
    return {
      id: tool.id,
      label: tool.label,
      mode: tool.mode,
      ...result,
      ...(result.status === 'ok' ? withCpu(summarize(samples), cpuSamples) : {}),
    };
  });
}

/**
 * Adds the median CPU ms of `cpuSamples` (null when CPU time could not be read).
 * @param {SampleSummary} summary
 * @param {number[]} cpuSamples
 * @returns {SampleSummary & { cpuMedianMs: number | null }}
 */
function withCpu(summary, cpuSamples) {
  return { ...summary, cpuMedianMs: cpuSamples.length ? median(cpuSamples) : null };
}

/**
 * node-netstat's full listing called in this process, after one warm-up call.
 * @param {number} runs
 * @returns {Promise<ToolResult>}
 */
async function measureNodeNetstatInProcess(runs) {
  const tool = {
    id: TOOL.nodeNetstat,
    label: 'node-netstat (async, all connections)',
    mode: 'in-process, warm',
  };
  if (!findTool(NODE_NETSTAT_NEEDS)) return { ...tool, status: 'not-installed', reason: `needs \`${NODE_NETSTAT_NEEDS}\`` };
  try {
    const warm = await timeAsync(nodeNetstatListAll);
    /** @type {number[]} */
    const samples = [];
    /** @type {number[]} */
    const cpuSamples = [];
    for (let i = 0; i < runs; i++) {
      const run = await timeAsync(nodeNetstatListAll);
      samples.push(run.ms);
      cpuSamples.push(run.cpuMs);
    }
    return { ...tool, status: 'ok', rows: warm.value, ...withCpu(summarize(samples), cpuSamples) };
  } catch (error) {
    return { ...tool, status: 'failed', reason: /** @type {Error} */ (error).message };
  }
}

/**
 * Validates the monitor bench's JSON line: it crosses a process boundary.
 * @param {string} stdout
 * @returns {MonitorResult}
 */
function parseMonitorResult(stdout) {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(line);
  if (result?.ok === false && typeof result.error === 'string') return result;
  const numbers = ['sockets', 'rssBytes', 'heapUsedBytes', 'maxRssBytes'];
  const series = (/** @type {unknown} */ value) => Array.isArray(value) && value.every(Number.isFinite);
  if (
    result?.ok !== true ||
    !series(result.samples) ||
    !series(result.cpuSamples) ||
    !numbers.every((k) => Number.isFinite(result[k]))
  ) {
    throw new Error(`unexpected monitor bench output: ${line.slice(0, 200)}`);
  }
  return result;
}

/**
 * The monitor's steady-state tick, timed in a process that runs only the monitor (which also
 * gives its memory).
 * @param {MonitorBuild} monitorBuild
 * @param {{ ticks: number; warmupTicks: number; tickGapMs: number; source: string | null }} options
 * @returns {Promise<{ tool: ToolResult; monitor: MonitorMemory | null }>}
 */
async function measureTick(monitorBuild, { ticks, warmupTicks, tickGapMs, source }, id = TOOL.tick) {
  const label = id === TOOL.tick ? 'PortLens monitor tick (steady state)' : `PortLens monitor tick, --source ${source}`;
  const tool = { id, label, mode: 'in-process, warm' };
  if (!monitorBuild.ok)
    return { tool: { ...tool, status: 'failed', reason: monitorBuild.reason }, monitor: null };
  const run = await timeCommand(
    process.execPath,
    [monitorBuild.file, String(warmupTicks), String(ticks), String(tickGapMs), ...(source ? [source] : [])],
    { cwd: root, capture: true },
  );
  let result;
  try {
    result = parseMonitorResult(run.stdout ?? '');
  } catch (error) {
    return {
      tool: {
        ...tool,
        status: 'failed',
        reason: run.status === 'ok' ? /** @type {Error} */ (error).message : run.reason,
      },
      monitor: null,
    };
  }
  if (!result.ok) return { tool: { ...tool, status: 'failed', reason: result.error }, monitor: null };
  const { samples, cpuSamples, ok: _ok, ...monitor } = result;
  return {
    tool: { ...tool, status: 'ok', rows: result.sockets, ...withCpu(summarize(samples), cpuSamples) },
    monitor,
  };
}

/**
 * TCP and UDP sockets on the whole machine (the farm's and everyone else's).
 * @returns {Promise<MachineSockets>}
 */
function countMachineSockets() {
  return /** @type {Promise<[tcp: number | null, udp: number | null]>} */ (
    Promise.all(
      ['-tanH', '-uanH'].map(async (flag) => {
        const run = await timeCommand('ss', [flag], { capture: true });
        if (run.status === 'ok') return lineCount(0)(run.stdout ?? '');
        // No ss: the kernel's own tables (one header line each).
        return countProcNet(flag === '-tanH' ? ['tcp', 'tcp6'] : ['udp', 'udp6']);
      }),
    )
  ).then(([tcp, udp]) => ({ tcp, udp }));
}

/**
 * Sockets listed in /proc/net/<files>, or null when none can be read.
 * @param {readonly string[]} files
 * @returns {number | null}
 */
function countProcNet(files) {
  /** @type {number | null} */
  let count = null;
  for (const file of files) {
    try {
      count = (count ?? 0) + lineCount(1)(readFileSync(`/proc/net/${file}`, 'utf8'));
    } catch {
      // No IPv6 in this kernel.
    }
  }
  return count;
}

/**
 * CPU profiles of `portlens list --json` and of the monitor's ticks, summarized by self time.
 * @param {Builds} builds
 * @param {string | null} source
 * @returns {Promise<({ title: string } & ProfileSummary)[]>}
 */
async function profileAt(builds, source) {
  /** @type {({ title: string } & ProfileSummary)[]} */
  const profiles = [];
  const cases = [
    {
      title: '`node --cpu-prof dist/node/cli.cjs list --json`',
      ok: builds.cli.ok,
      args: ['dist/node/cli.cjs', 'list', '--json', ...(source ? ['--source', source] : [])],
    },
    {
      title: 'monitor: 1 warm-up + 30 ticks (`dist/bench/monitor-bench.mjs`)',
      ok: builds.monitor.ok,
      args: [builds.monitor.file, '1', '30', '0', ...(source ? [source] : [])],
    },
  ];
  for (const item of cases) {
    if (!item.ok) continue;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portlens-prof-'));
    try {
      const run = await timeCommand(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...item.args], {
        cwd: root,
      });
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (run.status !== 'ok' || !file) {
        log(`profile of ${item.title} failed: ${run.reason ?? 'no profile written'}`);
        continue;
      }
      const summary = summarizeProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), { root });
      profiles.push({ title: item.title, ...summary });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return profiles;
}

async function machine() {
  const ss = await timeCommand('ss', ['-V'], { capture: true });
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    kernel: os.release(),
    node: process.version,
    ss: ss.status === 'ok' ? (ss.stdout ?? '').trim() : 'ss not installed',
  };
}

/**
 * Says when other work on the machine makes this scale's timings unrepresentative.
 * @param {number} scale
 * @param {string} when
 * @param {{ tcpConnections?: number; machineSockets?: MachineSockets }} [farm] The farm's size and the
 *   machine's socket count, to tell foreign sockets.
 * @returns {string[]}
 */
function quietnessWarnings(scale, when, { tcpConnections, machineSockets } = {}) {
  /** @type {string[]} */
  const warnings = [];
  if (machineSockets && tcpConnections !== undefined) {
    const farmSockets = tcpConnections * 2 + 2;
    const foreign = (machineSockets.tcp ?? 0) - farmSockets;
    if (foreign > Math.max(200, farmSockets * 0.1)) {
      warnings.push(
        `scale ${scale}: the machine had ${machineSockets.tcp} TCP sockets, ${foreign} beyond the farm's; every tool lists them too`,
      );
    }
  }
  const [load1 = 0] = os.loadavg();
  const load = Number(load1.toFixed(2));
  const cpus = os.cpus().length;
  if (load > cpus)
    warnings.push(
      `scale ${scale}, ${when}: load average ${load} on ${cpus} CPUs; other work competed with the runs`,
    );
  const pressure = cpuPressure();
  if (pressure !== null && pressure > 20) {
    warnings.push(
      `scale ${scale}, ${when}: CPU pressure ${pressure}% (PSI some avg10: runnable tasks waited for a CPU that share of the last 10 s)`,
    );
  }
  return warnings;
}

/** /proc/pressure/cpu `some avg10`, or null where the kernel has no PSI. */
function cpuPressure() {
  try {
    const value = Number(/some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** @type {SocketFarm | null} */
let activeFarm = null;
async function cleanup() {
  killRunning();
  const farm = activeFarm;
  activeFarm = null;
  await farm?.stop();
}
/** Stops the farm and any running tool on SIGINT/SIGTERM (sent twice by a terminal's Ctrl-C). */
function stopOnSignals() {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping children`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

async function main() {
  const opts = options();
  if (opts.history) {
    const { runHistoryBench } = await import('./lib/bench-history-run.mjs');
    await runHistoryBench({ root, events: opts.historyEvents, runs: opts.runs ?? 7, json: opts.json, log });
    return;
  }
  if (opts.top) {
    const { runTopBench } = await import('./lib/bench-top-run.mjs');
    await runTopBench({ root, sockets: topSockets(opts), seconds: 20, json: opts.json, log });
    return;
  }
  let isolation = "none: the host's sockets and processes";
  if (process.env[INSIDE_ENV] === '1')
    isolation =
      "private network, PID and mount namespaces: only the farm's sockets, only the bench's processes in /proc";
  else if (!opts.host) {
    const why = namespacesUnavailable();
    if (why === null) {
      process.exitCode = await runInPrivateNamespaces(process.execPath, process.argv.slice(1));
      return;
    }
    log(`running on the host's sockets and processes: ${why}`);
  }
  stopOnSignals();
  const missing = missingTools(PEER_TOOLS);
  if (missing) log(`${missing}: their rows say "not installed"${findTool(NODE_NETSTAT_NEEDS) ? '' : ", and so do node-netstat's (it runs netstat)"}`);
  if (opts.nice !== null) os.setPriority(0, Math.min(19, opts.nice));
  const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
  if (!opts.keepEnv) delete process.env.NODE_EXTRA_CA_CERTS;
  const environment = {
    NODE_EXTRA_CA_CERTS:
      extraCaCerts === undefined ? 'unset' : opts.keepEnv ? 'kept' : 'removed for child processes',
  };
  const builds = await buildAll(opts.skipBuild);
  if (!builds.cli.ok) log(builds.cli.reason ?? 'the build failed');
  if (!builds.monitor.ok) log(`monitor bench: ${builds.monitor.reason}`);

  /** @type {ScaleResult[]} */
  const scales = [];
  /** @type {({ scale: number; title: string } & ProfileSummary)[]} */
  const profiles = [];
  /** @type {string[]} */
  const warnings = [];
  const largest = Math.max(...opts.scales);
  for (const scale of opts.scales) {
    const runs = opts.runs ?? (scale <= 1000 ? 15 : 7);
    const tcpConnections = Math.round(scale / 2);
    log(`scale ${scale}: starting a farm of ${tcpConnections} connections + ${opts.udp} UDP sockets`);
    activeFarm = await startSocketFarm({ tcpConnections, udpSockets: opts.udp, traffic: true });
    try {
      const machineSockets = await countMachineSockets();
      const loadAverage = os.loadavg().map((load) => Number(load.toFixed(2)));
      const warn = (/** @type {string[]} */ list) => {
        for (const warning of list) log(`warning: ${warning}`);
        warnings.push(...list);
      };
      warn(quietnessWarnings(scale, 'at the start', { tcpConnections, machineSockets }));
      log(
        `scale ${scale}: machine has ${machineSockets.tcp} TCP, ${machineSockets.udp} UDP sockets; ${runs} runs per tool`,
      );
      const tools = await measureExternal(externalTools(builds.cli, opts.source, activeFarm), runs);
      log(`scale ${scale}: node-netstat in-process`);
      tools.push(await measureNodeNetstatInProcess(runs));
      log(`scale ${scale}: monitor tick`);
      const warmupTicks = 2;
      const { tool, monitor } = await measureTick(builds.monitor, {
        ticks: opts.ticks,
        warmupTicks,
        tickGapMs: opts.tickGapMs,
        source: opts.source,
      });
      tools.splice(1, 0, tool);
      for (const toolSource of TOOL_SOURCES) {
        if (opts.source === toolSource) continue; // already the tick above
        log(`scale ${scale}: monitor tick, --source ${toolSource}`);
        const options = { ticks: opts.ticks, warmupTicks, tickGapMs: opts.tickGapMs, source: toolSource };
        tools.push(
          findTool(toolSource)
            ? (await measureTick(builds.monitor, options, `portlens-tick-${toolSource}`)).tool
            : { id: `portlens-tick-${toolSource}`, label: `PortLens monitor tick, --source ${toolSource}`, mode: 'in-process, warm', status: 'not-installed', reason: `needs \`${toolSource}\`` },
        );
      }
      warn(quietnessWarnings(scale, 'at the end'));
      scales.push({
        scale,
        tcpConnections,
        udpSockets: opts.udp,
        machineSockets,
        loadAverage,
        runs,
        ticks: opts.ticks,
        warmupTicks,
        tickGapMs: opts.tickGapMs,
        tools,
        monitor,
      });
      if (opts.profile && scale === largest) {
        log(`scale ${scale}: CPU profiles`);
        profiles.push(...(await profileAt(builds, opts.source)).map((p) => ({ scale, ...p })));
      }
    } finally {
      const farm = activeFarm;
      activeFarm = null;
      await farm?.stop();
    }
  }

  const results = {
    date: new Date().toISOString(),
    command: ['node', 'scripts/bench.mjs', ...process.argv.slice(2)].join(' '),
    machine: await machine(),
    isolation,
    nice: os.getPriority(0),
    environment,
    scales,
    targets: evaluateTargets(scales),
    warnings,
    ...(profiles.length ? { profiles } : {}),
  };
  if (opts.out) {
    mkdirSync(path.dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), opts.out)}`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    process.stdout.write(renderMarkdown(results));
    for (const p of profiles)
      process.stdout.write(`\n${profileMarkdown(`${p.title} at ${p.scale} sockets`, p)}`);
  }
}

main().catch(async (error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n\n${usage()}`);
    await cleanup();
    process.exit(2);
  }
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await cleanup();
  process.exit(1);
});
