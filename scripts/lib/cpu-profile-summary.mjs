// Summarizes a V8 .cpuprofile (from `node --cpu-prof`) into its top self-time functions,
// mapping bundled locations back to source files through the bundle's linked source map.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import process from 'node:process';

/**
 * The parts of a V8 .cpuprofile the summary reads.
 * @typedef {object} CpuProfile
 * @property {{
 *   id: number;
 *   callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
 *   positionTicks?: { line: number; ticks: number }[];
 * }[]} nodes `positionTicks`: samples per 1-based script line, when V8 recorded them.
 * @property {number} startTime
 * @property {number} endTime
 * @property {number[]} samples
 * @property {number[]} timeDeltas
 */

/**
 * One function's self time.
 * @typedef {object} ProfileRow
 * @property {string} name
 * @property {string} location `file:line`, relative to the root, mapped through a linked source map when there is one.
 * @property {number} selfMs
 * @property {number} percent
 * @property {{ where: string; percent: number }[]} lines Its hottest lines (`file:line`, mapped like `location`) and their share of its line samples.
 */

/** @typedef {{ totalMs: number; top: ProfileRow[] }} ProfileSummary */

/** @typedef {{ map: SourceMap; dir: string }} LoadedMap */

/**
 * Loads `<file>.map` for a file:// script URL once; null when there is none.
 * @returns {(url: string) => LoadedMap | null}
 */
function sourceMapLoader() {
  /** @type {Map<string, LoadedMap | null>} */
  const cache = new Map();
  return (url) => {
    if (!url.startsWith('file://')) return null;
    if (!cache.has(url)) {
      const file = fileURLToPath(url);
      const mapFile = `${file}.map`;
      let map = null;
      if (existsSync(mapFile)) {
        try {
          map = { map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))), dir: path.dirname(mapFile) };
        } catch {
          map = null;
        }
      }
      cache.set(url, map);
    }
    return cache.get(url) ?? null;
  };
}

/**
 * Where a position in a script is, as `file:line` relative to `root`, through the source map
 * if any. Line and column are 0-based; a null column means "the line" (its last mapping, so a
 * line whose first mapping starts after column 0 still maps to itself, not the line before).
 * @param {string} url
 * @param {number} lineNumber
 * @param {number | null} columnNumber
 * @param {(url: string) => LoadedMap | null} loadMap
 * @param {string} root
 * @returns {string}
 */
function locate(url, lineNumber, columnNumber, loadMap, root) {
  if (!url) return '';
  const mapped = loadMap(url);
  if (mapped) {
    const entry = mapped.map.findEntry(lineNumber, columnNumber ?? Number.MAX_SAFE_INTEGER);
    // findEntry gives {} where nothing maps.
    if (
      'originalSource' in entry &&
      entry.originalSource &&
      (columnNumber !== null || entry.generatedLine === lineNumber)
    ) {
      const source = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : path.resolve(mapped.dir, entry.originalSource);
      return `${path.relative(root, source)}:${entry.originalLine + 1}`;
    }
  }
  const file = url.startsWith('file://') ? path.relative(root, fileURLToPath(url)) : url;
  return `${file}:${lineNumber + 1}`;
}

/**
 * Top `limit` functions by self time. Each sample is charged the time until the next sample.
 * Returns the profile's total wall time and rows of { name, location, selfMs, percent, lines }:
 * `lines` are the function's hottest source lines (V8's per-line ticks) with their share of its
 * samples — inlined callees are counted in the caller, so these say where inside it time goes.
 * @param {CpuProfile} profile
 * @param {{ limit?: number; root?: string }} [options]
 * @returns {ProfileSummary}
 */
export function summarizeProfile(profile, { limit = 15, root = process.cwd() } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = /** @type {number} */ (profile.samples[i]);
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const loadMap = sourceMapLoader();
  /** @type {Map<string, { name: string; location: string; selfMs: number; lineTicks: Map<string, number> }>} */
  const rows = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    const location = locate(frame.url, frame.lineNumber, frame.columnNumber, loadMap, root);
    const key = `${name}\u0000${location}`;
    const row = rows.get(key) ?? { name, location, selfMs: 0, lineTicks: new Map() };
    row.selfMs += us / 1000;
    for (const { line, ticks } of byId.get(id)?.positionTicks ?? []) {
      const where = locate(frame.url, line - 1, null, loadMap, root);
      row.lineTicks.set(where, (row.lineTicks.get(where) ?? 0) + ticks);
    }
    rows.set(key, row);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const top = [...rows.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit)
    .map(({ lineTicks, ...row }) => {
      let ticks = 0;
      for (const count of lineTicks.values()) ticks += count;
      const lines = [...lineTicks]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([where, count]) => ({ where, percent: (100 * count) / ticks }));
      return { ...row, percent: totalMs > 0 ? (100 * row.selfMs) / totalMs : 0, lines };
    });
  return { totalMs, top };
}

/**
 * A summary as a Markdown table.
 * @param {string} title
 * @param {ProfileSummary} summary
 * @returns {string}
 */
export function profileMarkdown(title, summary) {
  const lines = [
    `#### ${title} (profile ${summary.totalMs.toFixed(0)} ms)`,
    '',
    '| self ms | % | function | where | hottest lines (share of its samples) |',
    '| ---: | ---: | --- | --- | --- |',
  ];
  for (const row of summary.top) {
    const hot = row.lines.map((line) => `${line.where} ${line.percent.toFixed(0)}%`).join(', ');
    lines.push(
      `| ${row.selfMs.toFixed(1)} | ${row.percent.toFixed(1)} | \`${row.name}\` | ${row.location} | ${hot} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
