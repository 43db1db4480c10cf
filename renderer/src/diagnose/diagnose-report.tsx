/** A diagnosis as the box shows it: verdict first, then next steps, what listens, probes and findings. */
import type { DiagnoseReport, Finding, ListenerFact, Probe } from '@contract/diagnose-model';
import { VERDICT_WORDS } from '@contract/diagnose-words';
import { hostPort } from '@contract/reachability';
import { Icon, type IconName } from '../ui/icons';
import { NextStepButton } from './next-step-button';

const SEVERITY_ICON: Record<Finding['severity'], IconName> = { error: 'warning', warning: 'warning', info: 'info' };

export function DiagnoseReportView({ report, onRerun }: { report: DiagnoseReport; onRerun: () => void }) {
  const { target, verdict } = report;
  const where = target.port === null ? target.input : hostPort(target.host ?? 'localhost', target.port);
  const good = verdict === 'reachable';
  return (
    <div className="diagnose__report" data-testid="diagnose-report" data-verdict={verdict ?? 'not-a-port'}>
      <div className={`diagnose__verdict diagnose__verdict--${good ? 'ok' : 'bad'}`} data-testid="diagnose-verdict">
        <Icon name={good ? 'check' : 'warning'} size={18} />
        <div>
          <div className="diagnose__verdict-title">
            <code>{where}</code> — {verdict ? VERDICT_WORDS[verdict] : 'that is not a port'}
          </div>
          <div className="diagnose__verdict-meta dim">
            {verdict ?? 'no verdict'} · tried {target.addresses.join(', ') || 'nothing'} · {report.elapsedMs} ms
            <button type="button" className="button button--small button--quiet" onClick={onRerun} data-testid="diagnose-rerun">
              <Icon name="refresh" size={13} /> Again
            </button>
          </div>
        </div>
      </div>
      {report.nextSteps.length > 0 && (
        <section aria-label="Next steps">
          <h3 className="diagnose__heading">Next steps</h3>
          <ol className="diagnose__steps" data-testid="diagnose-steps">
            {report.nextSteps.map((step, i) => (
              <li key={i}>
                <span>{step.text}</span>
                {step.action && <NextStepButton action={step.action} />}
              </li>
            ))}
          </ol>
        </section>
      )}
      {report.listeners.length > 0 && <Listeners listeners={report.listeners} port={target.port} />}
      {report.probes.length > 0 && <Probes probes={report.probes} />}
      <section aria-label="Findings">
        <h3 className="diagnose__heading">Findings</h3>
        <ul className="diagnose__findings" data-testid="diagnose-findings">
          {report.findings.map((finding, i) => (
            <li key={i} className={`diagnose__finding diagnose__finding--${finding.severity}`} data-code={finding.code}>
              <Icon name={SEVERITY_ICON[finding.severity]} size={14} />
              <span>{finding.message}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Listeners({ listeners, port }: { listeners: readonly ListenerFact[]; port: number | null }) {
  return (
    <section aria-label={`Listeners on port ${port}`}>
      <h3 className="diagnose__heading">Listening on port {port}</h3>
      <table className="diagnose__table">
        <tbody>
          {listeners.map((l, i) => (
            <tr key={i} data-testid="diagnose-listener">
              <td className="mono">{hostPort(l.localAddress, l.localPort)}</td>
              <td>{l.pid === null ? <span className="dim">owner not visible</span> : <>{l.name ?? '?'} <span className="dim">pid {l.pid}</span></>}</td>
              <td className="dim">{l.reach}</td>
              <td className={l.accepts ? 'diagnose__yes' : 'diagnose__no'}>{l.accepts ? `accepts (${l.fit})` : `does not accept (${l.fit})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Probes({ probes }: { probes: readonly Probe[] }) {
  return (
    <section aria-label="Probes">
      <h3 className="diagnose__heading">Probes</h3>
      <table className="diagnose__table">
        <tbody>
          {probes.map((p, i) => (
            <tr key={i}>
              <td>{p.kind.toUpperCase()}</td>
              <td className="mono">{hostPort(p.address, p.port)}</td>
              <td className={p.outcome === 'connected' ? 'diagnose__yes' : 'diagnose__no'}>{p.outcome}</td>
              <td className="dim">{[p.latencyMs === null ? null : `${p.latencyMs} ms`, p.kind === 'tcp' ? null : p.detail].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
