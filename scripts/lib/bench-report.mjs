// The benchmark's verdicts (targets) and its Markdown report.

const MB = 1024 * 1024;

/**
 * One tool's result at one scale.
 * @typedef {object} ToolResult
 * @property {string} id
 * @property {string} label
 * @property {string} mode
 * @property {'ok' | 'failed' | 'not-installed'} status
 * @property {string | null} [reason]
 * @property {number | null} [rows]
 * @property {number} [runs]
 * @property {number} [medianMs]
 * @property {number} [p95Ms]
 * @property {number} [minMs]
 * @property {number} [maxMs]
 * @property {number | null} [cpuMedianMs] Median CPU ms (user + system), null where unreadable.
 */

/**
 * Memory of the monitor-only process.
 * @typedef {object} MonitorMemory
 * @property {number} rssBytes
 * @property {number} maxRssBytes
 * @property {number} heapUsedBytes
 * @property {number} sockets
 * @property {string} source
 */

/**
 * Everything measured at one scale.
 * @typedef {object} ScaleResult
 * @property {number} scale
 * @property {number} tcpConnections
 * @property {number} udpSockets
 * @property {{ tcp: number | null; udp: number | null }} machineSockets
 * @property {number[]} [loadAverage] os.loadavg() when the scale's measurements began (other work on the machine skews them).
 * @property {number} runs
 * @property {number} ticks
 * @property {number} warmupTicks
 * @property {number} [tickGapMs] Pause between ticks (the default poll interval unless --tick-gap).
 * @property {ToolResult[]} tools
 * @property {MonitorMemory | null} monitor
 */

/**
 * A target and whether it was met; `met` and `value` are null when not measured.
 * @typedef {object} TargetResult
 * @property {string} name
 * @property {string} limit
 * @property {number | null} value
 * @property {number | null} cpuValue The same measure in CPU time, when both sides have it.
 * @property {string} unit
 * @property {boolean | null} met
 */

/**
 * The whole run, as written to docs/bench-results.json.
 * @typedef {object} BenchResults
 * @property {string} date
 * @property {string} command
 * @property {{ cpus: number; cpuModel: string; kernel: string; node: string; ss: string }} machine
 * @property {{ NODE_EXTRA_CA_CERTS: string }} [environment]
 * @property {string} [isolation] Whether the farm and the tools ran in private namespaces (see private-namespaces.mjs).
 * @property {number} [nice] Nice value the bench and its children ran at.
 * @property {ScaleResult[]} scales
 * @property {TargetResult[]} targets
 * @property {string[]} [warnings] Why the run may not be representative (foreign sockets, load).
 */

/** Tool ids the targets refer to. */
export const TOOL = {
  cold: 'portlens-cold',
  tick: 'portlens-tick',
  ssTanpi: 'ss-tanpi',
  nodeNetstat: 'node-netstat-in-process',
};

/**
 * The tool `id` at `scale`, if it ran there and succeeded.
 * @param {ScaleResult | null} scale
 * @param {string} id
 * @returns {ToolResult | null}
 */
function tool(scale, id) {
  const found = scale?.tools.find((t) => t.id === id);
  return found?.status === 'ok' ? found : null;
}

/**
 * Whether `input` was measured: a finite number (when not, the target is "not measured").
 * @param {number | null | undefined} input
 * @returns {input is number}
 */
function measured(input) {
  return input !== null && input !== undefined && Number.isFinite(input);
}

/**
 * `a / b`, or NaN when either is missing.
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
const quotient = (a, b) =>
  a === null || a === undefined || b === null || b === undefined ? Number.NaN : a / b;

/**
 * Checks the performance targets against measured scales. A target whose scale or tools were
 * not measured has `met: null`.
 * @param {readonly ScaleResult[]} scales
 * @returns {TargetResult[]}
 */
export function evaluateTargets(scales) {
  const big = scales.find((s) => s.scale === 20_000) ?? null;
  const small = scales.find((s) => s.scale === 300) ?? null;
  const bigSs = tool(big, TOOL.ssTanpi);
  const bigCold = tool(big, TOOL.cold);
  const bigTick = tool(big, TOOL.tick);
  const bigNodeNetstat = tool(big, TOOL.nodeNetstat);
  const smallTick = tool(small, TOOL.tick);
  const rss = big?.monitor?.rssBytes ?? null;

  // `met` judges wall time (what a user waits for); `cpuValue` is the same measure in CPU time,
  // which a busy machine distorts far less.
  /**
   * @param {string} name
   * @param {[wall: number | null | undefined, cpu: number | null | undefined]} values
   * @param {string} unit
   * @param {(value: number) => boolean} ok
   * @param {string} limit
   * @returns {TargetResult}
   */
  const target = (name, [value, cpuValue], unit, ok, limit) => {
    const known = measured(value);
    return {
      name,
      limit,
      value: known ? value : null,
      cpuValue: measured(cpuValue) ? cpuValue : null,
      unit,
      met: known ? ok(value) : null,
    };
  };
  /**
   * `a` over `b` in wall and in CPU time (NaN where either lacks the measure), or nulls.
   * @param {ToolResult | null} a
   * @param {ToolResult | null} b
   * @returns {[wall: number | null, cpu: number | null]}
   */
  const ratio = (a, b) =>
    a && b ? [quotient(a.medianMs, b.medianMs), quotient(a.cpuMedianMs, b.cpuMedianMs)] : [null, null];
  return [
    target(
      '20,000 sockets: `portlens list --json` vs `ss -tanpi`',
      ratio(bigCold, bigSs),
      '×',
      (v) => v <= 1.0,
      '≤ 1.0×',
    ),
    target(
      '20,000 sockets: monitor tick vs `ss -tanpi`',
      ratio(bigTick, bigSs),
      '×',
      (v) => v <= 0.3,
      '≤ 0.3×',
    ),
    target(
      '20,000 sockets: node-netstat (in-process) vs monitor tick',
      ratio(bigNodeNetstat, bigTick),
      '×',
      (v) => v >= 3,
      '≥ 3×',
    ),
    target(
      '300 sockets: monitor tick',
      smallTick ? [smallTick.medianMs, smallTick.cpuMedianMs] : [null, null],
      'ms',
      (v) => v <= 5,
      '≤ 5 ms',
    ),
    target(
      '20,000 sockets: monitor RSS',
      [rss === null ? null : rss / MB, null],
      'MB',
      (v) => v <= 150,
      '≤ 150 MB',
    ),
  ];
}

/**
 * @param {number} value
 * @param {number} [digits]
 */
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * A tool's row of the report's table, with its ratios to `ss -tanpi` (`ss`, if it ran).
 * @param {ToolResult} t
 * @param {ToolResult | null} ss
 */
function toolRow(t, ss) {
  const rows = t.rows === null || t.rows === undefined ? '' : String(t.rows);
  if (t.status !== 'ok') {
    const why =
      t.status === 'not-installed'
        ? `not installed${t.reason ? ` (${t.reason})` : ''}`
        : `${t.status}${t.reason ? `: ${t.reason}` : ''}`;
    return `| ${t.label} | ${t.mode} | ${rows} | ${why.replaceAll('|', '/')} | | | | |`;
  }
  /** @type {(a: number, b: number) => string} */
  const times = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fixed(a / b, 2)}×` : '–');
  const wall = t.medianMs ?? Number.NaN;
  const cpu = t.cpuMedianMs ?? Number.NaN;
  return `| ${t.label} | ${t.mode} | ${rows} | ${fixed(wall)} | ${fixed(t.p95Ms ?? Number.NaN)} | ${times(wall, ss?.medianMs ?? Number.NaN)} | ${fixed(cpu)} | ${times(cpu, ss?.cpuMedianMs ?? Number.NaN)} |`;
}

/**
 * The whole report as Markdown.
 * @param {BenchResults} results
 * @returns {string}
 */
export function renderMarkdown(results) {
  const lines = [`## PortLens benchmark — ${results.date}`, ''];
  const m = results.machine;
  lines.push(
    `Machine: ${m.cpus} × ${m.cpuModel}, Linux ${m.kernel}, Node ${m.node}, ${m.ss}. Command: \`${results.command}\``,
    '',
  );
  if (results.isolation)
    lines.push(
      `Isolation: ${results.isolation}.${results.nice ? ` Scheduling priority: nice ${results.nice}, for the bench and all it starts.` : ''}`,
      '',
    );
  if (results.environment?.NODE_EXTRA_CA_CERTS && results.environment.NODE_EXTRA_CA_CERTS !== 'unset') {
    lines.push(
      `NODE_EXTRA_CA_CERTS: ${results.environment.NODE_EXTRA_CA_CERTS} (it adds a CA-bundle parse to every node start).`,
      '',
    );
  }
  if (results.warnings?.length) {
    lines.push(
      '**Warnings** (the machine was not quiet; rerun for figures to cite):',
      '',
      ...results.warnings.map((w) => `- ${w}`),
      '',
    );
  }
  for (const scale of results.scales) {
    const ss = tool(scale, TOOL.ssTanpi);
    lines.push(
      `### ${scale.scale.toLocaleString('en-US')} TCP sockets (farm: ${scale.tcpConnections} connections + ${scale.udpSockets} UDP; machine: ${scale.machineSockets.tcp} TCP, ${scale.machineSockets.udp} UDP)`,
      '',
      `Wall time: median and nearest-rank p95 of ${scale.runs} runs after one warm-up (monitor tick: ${scale.ticks} ticks after ${scale.warmupTicks}${scale.tickGapMs === undefined ? '' : `, ${scale.tickGapMs} ms apart`}). "CPU ms": median user + system time of the process and its children (in-process rows: of the process, for that call). "rows" is what the tool reported in its warm-up run.${scale.loadAverage ? ` Load average before: ${scale.loadAverage.join(' ')}.` : ''}`,
      '',
      '| tool | how | rows | median ms | p95 ms | × `ss -tanpi` | CPU ms | CPU × `ss -tanpi` |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...scale.tools.map((t) => toolRow(t, ss)),
      '',
    );
    if (scale.monitor) {
      const mon = scale.monitor;
      lines.push(
        `Monitor-only process: RSS ${fixed(mon.rssBytes / MB)} MB after the ticks (peak ${fixed(mon.maxRssBytes / MB)} MB, heap used ${fixed(mon.heapUsedBytes / MB)} MB); source \`${mon.source}\`, ${mon.sockets} sockets.`,
        '',
      );
    }
  }
  lines.push(
    '### Targets (judged on wall time)',
    '',
    '| target | limit | measured | met | same in CPU time |',
    '| --- | --- | ---: | :---: | ---: |',
  );
  /** @type {(value: number | null, unit: string) => string} */
  const show = (value, unit) =>
    value === null ? '–' : `${fixed(value, unit === '×' ? 2 : 1)}${unit === '×' ? '×' : ` ${unit}`}`;
  for (const t of results.targets) {
    const value = t.value === null ? 'not measured' : show(t.value, t.unit);
    lines.push(
      `| ${t.name} | ${t.limit} | ${value} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} | ${show(t.cpuValue ?? null, t.unit)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
