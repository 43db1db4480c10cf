/** A next step's action: Kill and Restart open their previews, Logs shows the logs, Open opens, Copy copies. */
import { useState } from 'react';
import type { StepAction } from '@contract/diagnose-model';
import { useActions } from '../actions/actions-context';
import { describeError } from '../actions/describe-result';
import { safeCall } from '../actions/safe-call';
import { useServices } from '../app/app-context';
import { Icon, type IconName } from '../ui/icons';

const LOOK: Record<StepAction['kind'], { icon: IconName; label: string }> = {
  kill: { icon: 'power', label: 'Kill…' },
  restart: { icon: 'restart', label: 'Restart…' },
  logs: { icon: 'logs', label: 'Logs' },
  open: { icon: 'external', label: 'Open' },
  copy: { icon: 'copy', label: 'Copy' },
};

export function NextStepButton({ action }: { action: StepAction }) {
  const actions = useActions();
  const { api, toasts } = useServices();
  const [logs, setLogs] = useState<string | null>(null);
  const run = () => {
    switch (action.kind) {
      case 'kill':
        return actions.kill({ kind: 'pid', pid: action.pid, startTime: action.startTime });
      case 'restart':
        return actions.restart({ kind: 'pid', pid: action.pid, startTime: action.startTime });
      case 'copy':
        return actions.copy(action.command, 'command');
      case 'open':
        return void safeCall(() => api.openExternal({ url: action.url })).then((result) => {
          if (!result.ok) toasts.push(describeError(`Opening ${action.url}`, result.error));
        });
      case 'logs':
        return void safeCall(() => api.logs({ target: { kind: 'pid', pid: action.pid, startTime: null }, lines: 200 })).then((result) =>
          setLogs(result.ok ? result.value.text || result.value.reason || '(no log lines)' : result.error.message),
        );
    }
  };
  const look = LOOK[action.kind];
  return (
    <>
      <span className="diagnose__step-action">
        {action.kind === 'copy' && <code className="diagnose__command">{action.command}</code>}
        {action.kind === 'open' && <code className="diagnose__command">{action.url}</code>}
        <button
          type="button"
          className={`button button--small${action.kind === 'kill' ? ' button--danger' : ''}`}
          onClick={run}
          data-testid={`step-${action.kind}`}
        >
          <Icon name={look.icon} size={13} /> {look.label}
        </button>
      </span>
      {logs !== null && <pre className="diagnose__logs" aria-label="Logs">{logs}</pre>}
    </>
  );
}
