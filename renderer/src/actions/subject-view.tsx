/** One process an action will affect: who it is, its children, the sockets that close. */
import type { ActionSubject } from '@contract/api';
import { isListening } from '../table/format';
import { EndpointCells, ProtocolLabel } from '../table/cells';
import { formatCommand } from '../table/format';
import { Icon } from '../ui/icons';

/** Ports a subject's listening sockets hold, deduplicated, ascending. */
export function listeningPortsOf(subject: ActionSubject): number[] {
  return [...new Set(subject.sockets.filter(isListening).map((row) => row.localPort))].sort((a, b) => a - b);
}

/** A subject in a confirmation dialog; `action` words what happens to its children and ports. */
export function SubjectView({ subject, action }: { subject: ActionSubject; action: 'kill' | 'restart' }) {
  const restart = action === 'restart';
  const { process: proc, children, sockets, refusal } = subject;
  const ports = listeningPortsOf(subject);
  return (
    <section className="subject" data-testid="action-subject" data-pid={proc.pid}>
      <div className="subject__head">
        <span className="subject__name">{proc.name}</span>
        <span className="mono dim">pid {proc.pid}</span>
        <span className="dim">{proc.user}</span>
      </div>
      <pre className="subject__command mono">
        {formatCommand(proc.argv.length ? proc.argv : [proc.exe ?? proc.name])}
      </pre>
      {refusal && (
        <div className="callout callout--danger" role="note">
          <Icon name="warning" size={14} /> Refused: {refusal}
        </div>
      )}
      {children.length > 0 && (
        <p className="subject__line">
          {children.length === 1 ? 'Its child' : `Its ${children.length} children`}{' '}
          {restart ? 'stop with it' : children.length === 1 ? 'ends too' : 'end too'}:{' '}
          {children.map((child) => (
            <span key={child.pid} className="chip mono">
              {child.name} {child.pid}
            </span>
          ))}
        </p>
      )}
      <p className="subject__line">
        {ports.length ? (
          <>
            {restart ? 'Ports closed while it restarts:' : 'Ports that will close:'}{' '}
            {ports.map((port) => (
              <span key={port} className="chip chip--port mono" data-testid="closing-port">
                :{port}
              </span>
            ))}
          </>
        ) : (
          <span className="dim">It listens on no port.</span>
        )}
      </p>
      {sockets.length > 0 && (
        <details className="subject__sockets">
          <summary>
            All {sockets.length} socket{sockets.length === 1 ? '' : 's'} it holds
          </summary>
          <table className="mini-table">
            <tbody>
              {sockets.map((row) => (
                <tr key={row.id}>
                  <td className="mono">
                    <ProtocolLabel row={row} />
                  </td>
                  <EndpointCells row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
