/** The Exposed view: every listener the network can reach, by process, with the firewall's verdict and warnings. */
import type { ExposedListener } from '@contract/diagnose-model';
import { hostPort } from '@contract/reachability';
import { useActions } from '../actions/actions-context';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icons';
import { useCall } from '../ui/use-call';
import { useDiagnoseTools } from './diagnose-context';

export function ExposedDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const [report, reload] = useCall('audit', () => api.audit({}));
  return (
    <Dialog
      title="Exposed: what the network can reach"
      onClose={onClose}
      testId="exposed-dialog"
      wide
      footer={
        <button type="button" className="button" onClick={reload} data-testid="exposed-reload">
          <Icon name="refresh" size={14} /> Check again
        </button>
      }
    >
      <div role="status" aria-live="polite">
        {report.state === 'loading' && <p className="dim">Reading listeners and the firewall…</p>}
        {report.state === 'error' && <p className="callout callout--danger">{report.error.message}</p>}
        {report.state === 'ok' && (
          <p className={report.value.warnings ? 'callout callout--warning' : 'dim'} data-testid="exposed-summary">
            {report.value.exposed.length} listener{report.value.exposed.length === 1 ? '' : 's'} reachable from the network
            {report.value.warnings ? `; ${report.value.warnings} should not face it (bind to 127.0.0.1 or block the port)` : ''}. Firewall:{' '}
            {report.value.firewall}.
          </p>
        )}
      </div>
      {report.state === 'ok' && report.value.exposed.length > 0 && (
        <table className="diagnose__table diagnose__table--exposed" data-testid="exposed-table">
          <thead>
            <tr>
              <th>Process</th>
              <th>Address</th>
              <th>Reach</th>
              <th>Firewall</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {report.value.exposed.map((e, i) => (
              <ExposedRow key={i} entry={e} />
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

function ExposedRow({ entry: e }: { entry: ExposedListener }) {
  const actions = useActions();
  const tools = useDiagnoseTools();
  const where = `${hostPort(e.localAddress, e.localPort)}${e.protocol === 'udp' ? '/udp' : ''}`;
  return (
    <tr className={e.warning ? 'diagnose__row--warning' : undefined} data-testid="exposed-row" data-port={e.localPort}>
      <td className="diagnose__owner">
        {e.pid === null ? <span className="dim">owner not visible</span> : <>{e.name ?? '?'} <span className="dim">pid {e.pid}</span></>}
      </td>
      <td className="mono">
        {where}
        {e.service && !e.warning && <div className="dim diagnose__service">{e.service}</div>}
      </td>
      <td>
        {e.reach}
        {e.warning && (
          <div className="diagnose__warning">
            <Icon name="warning" size={13} /> {e.warning}
          </div>
        )}
      </td>
      <td className="dim">{e.firewall}</td>
      <td className="diagnose__row-actions">
        {tools && e.protocol === 'tcp' && (
          <button type="button" className="button button--small button--quiet" onClick={() => tools.diagnose(where)}>
            Diagnose
          </button>
        )}
        {e.pid !== null && e.startTime !== null && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => actions.kill({ kind: 'pid', pid: e.pid as number, startTime: e.startTime })}
          >
            Kill…
          </button>
        )}
      </td>
    </tr>
  );
}
