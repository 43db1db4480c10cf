/**
 * Unused ports: listeners idle for a configurable time (default 30 min) and orphaned
 * development servers, with "Close unused ports" going through the kill preview.
 */
import { useState } from 'react';
import type { IdleListener } from '@contract/diagnose-model';
import { hostPort } from '@contract/reachability';
import { useServices } from '../app/app-context';
import { formatDuration } from '../table/format';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icons';
import { useCall } from '../ui/use-call';
import { CloseUnusedDialog } from './close-unused-dialog';

const THRESHOLDS = [5, 15, 30, 60, 240] as const;

export function IdleDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const [minutes, setMinutes] = useState<number>(30);
  const [report, reload] = useCall(`idle:${minutes}`, () => api.idleListeners({ idleMs: minutes * 60_000 }));
  const [closing, setClosing] = useState<IdleListener[] | null>(null);
  const listeners = report.state === 'ok' ? report.value.listeners : [];
  const closable = listeners.filter((l) => l.pid !== null && l.startTime !== null);
  return (
    <Dialog
      title="Unused ports"
      onClose={onClose}
      testId="idle-dialog"
      wide
      footer={
        <>
          <label className="select-label">
            <span>Idle for</span>
            <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))} data-testid="idle-threshold">
              {THRESHOLDS.map((m) => (
                <option key={m} value={m}>
                  {m < 60 ? `${m} min` : `${m / 60} h`}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={reload}>
            <Icon name="refresh" size={14} /> Check again
          </button>
          <span className="spacer" />
          <button type="button" className="button button--danger" disabled={closable.length === 0} onClick={() => setClosing(closable)} data-testid="close-unused">
            <Icon name="power" size={14} /> Close unused ports…
          </button>
        </>
      }
    >
      <div role="status" aria-live="polite">
        {report.state === 'loading' && <p className="dim">Looking for idle listeners…</p>}
        {report.state === 'error' && <p className="callout callout--danger">{report.error.message}</p>}
        {report.state === 'ok' && (
          <p className="dim" data-testid="idle-summary">
            {listeners.length} listener{listeners.length === 1 ? '' : 's'} without a connection or a byte for {minutes} min, or orphaned. Tracking since{' '}
            {new Date(report.value.since).toLocaleTimeString()}: nothing before that is known.
          </p>
        )}
      </div>
      {listeners.length > 0 && (
        <table className="diagnose__table" data-testid="idle-table">
          <tbody>
            {listeners.map((l, i) => (
              <tr key={i} data-testid="idle-row" data-port={l.localPort}>
                <td className="diagnose__owner">{l.pid === null ? <span className="dim">owner not visible</span> : <>{l.name ?? '?'} <span className="dim">pid {l.pid}</span></>}</td>
                <td className="mono">{hostPort(l.localAddress, l.localPort)}</td>
                <td>{l.idle ? `idle ${formatDuration(l.idleMs)}` : 'active'}</td>
                <td className="dim">{l.orphan ? `orphan: ${l.orphan}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closing && <CloseUnusedDialog listeners={closing} onClose={() => (setClosing(null), reload())} />}
    </Dialog>
  );
}
