// The benchmark's verdicts (targets) and its Markdown report.

const MB = 1024 * 1024;

/** Tool ids the targets refer to. */
export const TOOL = {
  cold: 'portlens-cold',
  tick: 'portlens-tick',
  ssTanpi: 'ss-tanpi',
  nodeNetstat: 'node-netstat-in-process',
};

function tool(scale, id) {
  const found = scale?.tools.find((t) => t.id === id);
  return found?.status === 'ok' ? found : null;
}

/** `value`, or null when any input is missing (the target is then "not measured"). */
function measured(...inputs) {
  return inputs.every((input) => input !== null && input !== undefined && Number.isFinite(input));
}

/**
 * Checks the performance targets against measured scales. A target whose scale or tools were
 * not measured has `met: null`.
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
  const ratio = (a, b) => (a && b ? [a.medianMs / b.medianMs, a.cpuMedianMs / b.cpuMedianMs] : [null, null]);
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

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function toolRow(t, ss) {
  const rows = t.rows === null || t.rows === undefined ? '' : String(t.rows);
  if (t.status !== 'ok') {
    const why =
      t.status === 'not-installed'
        ? `not installed${t.reason ? ` (${t.reason})` : ''}`
        : `${t.status}${t.reason ? `: ${t.reason}` : ''}`;
    return `| ${t.label} | ${t.mode} | ${rows} | ${why.replaceAll('|', '/')} | | | | |`;
  }
  const times = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fixed(a / b, 2)}×` : '–');
  const cpu = t.cpuMedianMs ?? Number.NaN;
  return `| ${t.label} | ${t.mode} | ${rows} | ${fixed(t.medianMs)} | ${fixed(t.p95Ms)} | ${times(t.medianMs, ss?.medianMs)} | ${fixed(cpu)} | ${times(cpu, ss?.cpuMedianMs ?? Number.NaN)} |`;
}

/** The whole report as Markdown. */
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
