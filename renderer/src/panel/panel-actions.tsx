/** The owner panel's toolbar: open in browser, restart, kill, and copy pid, command or address. */
import type { ReactNode } from 'react';
import { useActions } from '../actions/actions-context';
import { formatCommand, formatEndpoint } from '../table/format';
import { Icon, type IconName } from '../ui/icons';
import { StartAgain } from './start-again';
import type { Owner } from './use-owner';

/** A small button with an icon before its text. */
export function ActionButton(props: {
  icon: IconName;
  tone?: 'danger' | 'quiet' | 'primary';
  disabled?: boolean;
  testId: string;
  onClick: () => void;
  children: ReactNode;
}) {
  const { tone } = props;
  return (
    <button
      type="button"
      className={`button button--small${tone ? ` button--${tone}` : ''}`}
      disabled={props.disabled}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      <Icon name={props.icon} size={tone === 'quiet' ? 13 : 14} /> {props.children}
    </button>
  );
}

/** Copy buttons for what the panel knows: the pid, the command, the local address. */
function CopyRow({ owner }: { owner: Owner }) {
  const actions = useActions();
  const { pid, proc, entry } = owner;
  return (
    <div className="panel__action-row">
      <span className="panel__action-label">Copy</span>
      {pid !== undefined && (
        <ActionButton
          icon="copy"
          tone="quiet"
          onClick={() => actions.copy(String(pid), 'pid')}
          testId="copy-pid"
        >
          PID
        </ActionButton>
      )}
      {proc && proc.argv.length > 0 && (
        <ActionButton
          icon="copy"
          tone="quiet"
          onClick={() => actions.copy(formatCommand(proc.argv), 'command')}
          testId="copy-command"
        >
          Command
        </ActionButton>
      )}
      {entry && (
        <ActionButton
          icon="copy"
          tone="quiet"
          onClick={() =>
            actions.copy(
              formatEndpoint(entry.row.localAddress, entry.row.localPort, entry.row.family),
              'address',
            )
          }
          testId="copy-address"
        >
          Address
        </ActionButton>
      )}
    </div>
  );
}

/** The toolbar; an ended process offers to start it again instead. */
export function PanelActions({ owner, onStarted }: { owner: Owner; onStarted: (pid: number) => void }) {
  const actions = useActions();
  const { openable, actionTarget } = owner;
  return (
    <div className="panel__actions" role="group" aria-label="Actions">
      {owner.ended && owner.proc ? (
        <StartAgain process={owner.proc} detail={owner.lastDetail} onStarted={onStarted} />
      ) : (
        <div className="panel__action-row">
          {openable.map((row) => (
            <ActionButton
              key={row.id}
              icon="external"
              onClick={() => actions.openInBrowser(row)}
              testId="open-browser"
            >
              Open :{row.localPort}
            </ActionButton>
          ))}
          <span className="spacer" />
          <ActionButton
            icon="restart"
            disabled={!actionTarget}
            onClick={() => actionTarget && actions.restart(actionTarget)}
            testId="restart-button"
          >
            Restart…
          </ActionButton>
          <ActionButton
            icon="power"
            tone="danger"
            disabled={!actionTarget}
            onClick={() => actionTarget && actions.kill(actionTarget)}
            testId="kill-button"
          >
            Kill…
          </ActionButton>
        </div>
      )}
      <CopyRow owner={owner} />
    </div>
  );
}
