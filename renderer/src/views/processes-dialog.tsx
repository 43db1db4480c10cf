/** The Processes view: every process with sockets, busiest first, with its rates, bytes and a sparkline (like bandwhich). */
import { useState } from 'react';
import { useServices, useStoreVersion } from '../app/app-context';
import { formatBytes, formatRate } from '../table/format';
import { Sparkline } from '../table/sparkline';
import { Dialog } from '../ui/dialog';
import { ProcessRates } from './process-traffic';
import './views.css';

/** Props of ProcessesDialog. */
export interface ProcessesDialogProps {
  onClose: () => void;
  /** Filters the table to one process (and closes the view). */
  onShowSockets: (filterToken: string) => void;
}

export function ProcessesDialog({ onClose, onShowSockets }: ProcessesDialogProps) {
  const { store } = useServices();
  useStoreVersion(store);
  const [rates] = useState(() => new ProcessRates());
  const list = rates.read(store.data);
  const udp = list.reduce((n, p) => n + p.udpSockets, 0);
  return (
    <Dialog title="Processes by traffic" onClose={onClose} testId="processes-dialog" wide>
      <p className="dim" role="status" aria-live="off">
        {list.length} process{list.length === 1 ? '' : 'es'} with sockets, busiest first; rates over the last
        poll.
        {udp > 0 &&
          ` ${udp} UDP socket${udp === 1 ? '' : 's'} not counted (the kernel keeps no per-socket UDP byte counters).`}
      </p>
      <table className="diagnose__table views__table" data-testid="processes-table">
        <thead>
          <tr>
            <th scope="col">Process</th>
            <th scope="col" className="views__num">
              Sending
            </th>
            <th scope="col" className="views__num">
              Receiving
            </th>
            <th scope="col" className="views__num">
              Sent
            </th>
            <th scope="col" className="views__num">
              Received
            </th>
            <th scope="col" className="views__num">
              Sockets
            </th>
            <th scope="col">Recent</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.pid} data-testid="process-traffic-row" data-pid={p.pid}>
              <td>
                {p.name}{' '}
                <span className="dim">
                  pid {p.pid}
                  {p.user ? ` · ${p.user}` : ''}
                </span>
              </td>
              <td className="views__num" data-testid="process-send">
                {formatRate(p.sendRate)}
              </td>
              <td className="views__num" data-testid="process-receive">
                {formatRate(p.receiveRate)}
              </td>
              <td className="views__num">{formatBytes(p.bytesSent)}</td>
              <td className="views__num" data-testid="process-received">
                {formatBytes(p.bytesReceived)}
              </td>
              <td className="views__num">{p.sockets}</td>
              <td>
                <Sparkline history={rates.series(p.pid)} counted={p.sockets > p.udpSockets} />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Show the sockets of ${p.name} (pid ${p.pid})`}
                  onClick={() => onShowSockets(`pid:${p.pid}`)}
                >
                  Show sockets
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
