/** The owner panel's port section: a Diagnose button for the row, and explain's plain-language facts. */
import type { SocketRow } from '@contract/model';
import { hostPort } from '@contract/reachability';
import { isListening } from '@contract/row-fields';
import { useServices } from '../app/app-context';
import { Icon } from '../ui/icons';
import { useCall } from '../ui/use-call';
import { useDiagnoseTools } from './diagnose-context';

/** What to diagnose for a row: its own address, or `localhost` for a wildcard (what clients type). */
export function diagnoseTargetOf(row: Pick<SocketRow, 'localAddress' | 'localPort'>): string {
  const wildcard = row.localAddress === '0.0.0.0' || row.localAddress === '::';
  return wildcard ? `localhost:${row.localPort}` : hostPort(row.localAddress, row.localPort);
}

export function PortFacts({ row }: { row: SocketRow }) {
  const { api } = useServices();
  const tools = useDiagnoseTools();
  const target = hostPort(row.localAddress, row.localPort);
  const [explanation] = useCall(`explain:${target}`, () => api.explain({ target }));
  const facts = explanation.state === 'ok' ? explanation.value.facts.filter((f) => f.code !== 'listener' && f.code !== 'nothing') : [];
  return (
    <section className="port-facts" aria-label={`About port ${row.localPort}`} data-testid="port-facts">
      <div className="port-facts__head">
        <h3 className="diagnose__heading">About {target}</h3>
        {tools && isListening(row) && (
          <button
            type="button"
            className="button button--small"
            title={`Diagnose ${diagnoseTargetOf(row)}: can clients reach it?`}
            onClick={() => tools.diagnose(diagnoseTargetOf(row))}
            data-testid="panel-diagnose"
          >
            <Icon name="search" size={13} /> Diagnose
          </button>
        )}
      </div>
      {explanation.state === 'error' && <p className="dim">{explanation.error.message}</p>}
      <ul className="port-facts__list">
        {facts.map((fact, i) => (
          <li key={i} data-code={fact.code}>
            {fact.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
