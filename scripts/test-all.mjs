#!/usr/bin/env node
// Runs every suite: typecheck, lint, build, Vitest (Node side, real sockets and processes),
// Playwright (web project in the Chromium scripts/lib/find-chromium.mjs finds; electron project
// where the binary exists). Tests that need what this machine lacks (a browser, `ss`, `setpriv`...)
// are skipped with a printed reason, never failed. Prints each suite's own output, then one line
// counting all: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}test-results`;
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2); // e.g. `vitest` or `e2e` to run one suite

/**
 * Runs one suite's command with stdio inherited; true when it exited 0.
 * @param {string} label
 * @param {string} command
 * @param {readonly string[]} args
 * @param {Record<string, string>} [env]
 * @returns {boolean}
 */
function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/**
 * Runs a pass/fail suite (unless another was asked for) and counts it.
 * @param {string} label
 * @param {string} command
 * @param {readonly string[]} args
 */
function check(label, command, args) {
  if (only.length && !only.includes(label)) return;
  const ok = run(label, command, args);
  if (ok) totals.passed++;
  else totals.failed++;
  if (!ok) process.stdout.write(`*** ${label} failed\n`);
}

check('typecheck', 'npx', ['tsc', '-b']);
check('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
check('build', process.execPath, ['scripts/build.mjs']);

if (!only.length || only.includes('vitest')) {
  const file = `${out}/vitest.json`;
  rmSync(file, { force: true });
  const ok = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else if (!ok) totals.failed++;
}

if ((!only.length || only.includes('e2e')) && existsSync(`${root}playwright.config.ts`)) {
  const file = `${out}/playwright.json`;
  rmSync(file, { force: true });
  const ok = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (existsSync(file)) {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } else if (!ok) totals.failed++;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed ? 1 : 0);
