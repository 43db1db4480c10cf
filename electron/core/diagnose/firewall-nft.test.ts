// The firewall check for real: in a private network namespace (`unshare -n`, as root) with
// nftables, a rule that drops the port makes `portlens diagnose` say `filtered` and name the
// rule. Needs root, util-linux `unshare` and nftables' `nft`; skipped with the reason elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnoseReport } from '../../contract/diagnose-model.js';
import { withoutTools } from '../../test-support/system-tools.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const PORT = 47001;

/** Why this test cannot run here, or null. */
function unavailable(): string | null {
  const missing = withoutTools('nft', 'unshare', 'ip');
  if (missing) return missing;
  if (process.geteuid?.() !== 0) return 'not root: private network namespaces and nft need root';
  const trial = spawnSync('unshare', ['-n', 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
  if (trial.status !== 0) return `unshare -n nft failed here: ${(trial.stderr || `exit ${trial.status}`).trim()}`;
  return null;
}

const reason = unavailable();
if (reason) console.log(`diagnose firewall test skipped: ${reason}`);

/** Inside the namespace: a server on 127.0.0.1:PORT, then the real CLI diagnoses it. */
const INSIDE = `
const server = require('node:net').createServer((c) => c.end());
server.listen(${PORT}, '127.0.0.1', () => {
  require('node:child_process').execFile(process.execPath, ['bin/portlens.cjs', 'diagnose', '127.0.0.1:${PORT}', '--json'], { encoding: 'utf8' }, (error, stdout, stderr) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    server.close();
  });
});
`;

describe('diagnose: firewall (nftables, private network namespace)', () => {
  it.skipIf(reason !== null)('a drop rule for the port: verdict filtered, naming the rule, with the command that removes it', () => {
    if (!existsSync(`${root}dist/node/cli.cjs`)) spawnSync(process.execPath, ['scripts/build.mjs', '--node'], { cwd: root });
    const script = [
      'set -e',
      'ip link set lo up',
      'nft add table inet pltest',
      `nft add chain inet pltest input '{ type filter hook input priority 0; }'`,
      `nft add rule inet pltest input tcp dport ${PORT} drop`,
      `exec "${process.execPath}" -e "$INSIDE"`,
    ].join('\n');
    const run = spawnSync('unshare', ['-n', 'sh', '-c', script], { cwd: root, encoding: 'utf8', env: { ...process.env, INSIDE }, timeout: 30_000 });
    expect(run.stderr).toBe('');
    const report = DiagnoseReport.parse(JSON.parse(run.stdout));
    expect(report.verdict).toBe('filtered');
    expect(report.listeners).toEqual([expect.objectContaining({ localAddress: '127.0.0.1', accepts: true })]);
    expect(report.probes[0]).toMatchObject({ kind: 'tcp', outcome: 'timeout' });
    const rule = report.findings.find((f) => f.code === 'firewall-rule');
    expect(rule?.message).toContain(`table inet pltest chain input handle`);
    expect(rule?.message).toContain(`dport ${PORT} drop`);
    expect(report.nextSteps[0]?.action).toMatchObject({ kind: 'copy', command: expect.stringMatching(/^sudo nft delete rule inet pltest input handle \d+$/) });
  });
});
