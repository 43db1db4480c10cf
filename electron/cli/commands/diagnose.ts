/** `portlens diagnose <address:port | URL> [--json] [--timeout MS]`: why can't I reach it? Exit 0 reachable, 1 not. */
import type { DiagnoseReport } from '../../contract/diagnose-model.js';
import { actionCommand, SEVERITY_MARK, VERDICT_WORDS } from '../../contract/diagnose-words.js';
import { hostPort } from '../../contract/reachability.js';
import { diagnose } from '../../core/diagnose/diagnose.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { parse, positiveIntArg } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

export const diagnoseCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, timeout: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('diagnose takes exactly one address:port, port or URL');
  const budgetMs = values.timeout === undefined ? undefined : positiveIntArg(values.timeout, '--timeout');
  const report = await diagnose(positionals[0] as string, { snapshot: () => takeSnapshot(), ...(budgetMs ? { budgetMs } : {}) });
  io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : diagnoseText(report));
  return report.verdict === 'reachable' ? 0 : 1;
};

/** The report as people read it: verdict first, then what was seen, then what to do. */
export function diagnoseText(report: DiagnoseReport): string {
  const { target } = report;
  const where = target.port === null ? target.input : hostPort(target.host ?? 'localhost', target.port);
  const lines = [`${where} — ${report.verdict ? `${report.verdict}: ${VERDICT_WORDS[report.verdict]}` : 'not a port'}`];
  if (report.listeners.length) {
    lines.push('', `Listeners on port ${target.port}`);
    for (const l of report.listeners)
      lines.push(`  ${l.name ?? '?'} (pid ${l.pid ?? '?'})  ${hostPort(l.localAddress, l.localPort)}  ${l.reach}  ${l.accepts ? `accepts (${l.fit})` : `does not accept (${l.fit})`}`);
  }
  if (report.probes.length) {
    lines.push('', 'Probes');
    for (const p of report.probes)
      lines.push(`  ${p.kind.padEnd(6)} ${hostPort(p.address, p.port)}  ${p.outcome}${p.latencyMs === null ? '' : `  ${p.latencyMs} ms`}${p.detail && p.kind !== 'tcp' ? `  ${p.detail}` : ''}`);
  }
  lines.push('', 'Findings');
  for (const f of report.findings) lines.push(`  ${SEVERITY_MARK[f.severity]} ${f.message}`);
  if (report.nextSteps.length) {
    lines.push('', 'Next steps');
    report.nextSteps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${step.text}`);
      if (step.action) lines.push(`     ${step.action.kind === 'open' ? 'open ' : '$ '}${actionCommand(step.action)}`);
    });
  }
  lines.push('', `(${report.elapsedMs} ms)`);
  return `${lines.join('\n')}\n`;
}
