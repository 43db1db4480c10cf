/**
 * Restart confirmation: how PortLens will restart the process (systemd, docker, pm2, or
 * relaunching its command), the exact command, the ports it waits for, and, when the
 * process's environment is unreadable, an explicit consent to restart without it.
 */
import { useState } from 'react';
import type { RestartMethod, Target } from '@contract/api';
import { useServices } from '../app/app-context';
import { formatCommand } from '../table/format';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icons';
import { useCall } from '../ui/use-call';
import { describeTarget } from './action-target';
import { describeError, describeRestart } from './describe-result';
import { safeCall } from './safe-call';
import { SubjectView } from './subject-view';

const METHOD_TEXT: Record<RestartMethod, string> = {
  systemd: 'Restarts its systemd unit with this command:',
  docker: 'Restarts its Docker container with this command:',
  pm2: 'Restarts it through pm2 with this command:',
  process: 'Stops the process, then starts the same command again in the same directory:',
};

/** The dialog. */
export function RestartDialog({ target, onClose }: { target: Target; onClose: () => void }) {
  const { api, toasts, store } = useServices();
  const [preview] = useCall(JSON.stringify(target), () => api.restartPreview(target));
  const [withoutEnvironment, setWithoutEnvironment] = useState(false);
  const [busy, setBusy] = useState(false);

  const value = preview.state === 'ok' ? preview.value : null;
  const needsConsent = value !== null && !value.environmentReadable;
  const canRestart =
    !busy && value !== null && !value.subject.refusal && (!needsConsent || withoutEnvironment);

  const confirm = async () => {
    if (!value) return;
    setBusy(true);
    const { pid, startTime, name } = value.subject.process;
    const result = await safeCall(() =>
      api.restart({
        pid,
        startTime,
        withoutEnvironment: needsConsent && withoutEnvironment,
        timeoutMs: null,
      }),
    );
    setBusy(false);
    toasts.push(
      result.ok ? describeRestart(result.value, name) : describeError(`Restarting ${name}`, result.error),
    );
    onClose();
  };

  const name = value
    ? `${value.subject.process.name} (pid ${value.subject.process.pid})`
    : describeTarget(target, store.data);
  return (
    <Dialog
      title={`Restart ${name}?`}
      testId="restart-dialog"
      wide
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          {/* Focus starts on Cancel: Enter right after opening must not kill or restart. */}
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!canRestart}
            onClick={() => void confirm()}
            data-testid="confirm-restart"
          >
            {busy ? 'Restarting…' : 'Restart'}
          </button>
        </>
      }
    >
      {preview.state === 'loading' && <p className="dim">Working out how to restart it…</p>}
      {preview.state === 'error' && (
        <div className="callout callout--danger" role="alert" data-testid="action-error">
          <strong>{preview.error.message}</strong>
          {preview.error.detail && <pre className="mono">{preview.error.detail}</pre>}
        </div>
      )}
      {value && (
        <>
          <p>
            <span className="badge badge--method" data-testid="restart-method">
              {value.method}
            </span>{' '}
            {METHOD_TEXT[value.method]}
          </p>
          <pre className="command-block mono" data-testid="restart-command">
            {formatCommand(value.command)}
          </pre>
          {value.cwd && (
            <p className="subject__line">
              In <span className="mono">{value.cwd}</span>
            </p>
          )}
          <p className="subject__line">
            {value.ports.length ? (
              <>
                Done when these listen again:{' '}
                {value.ports.map((port) => (
                  <span key={port} className="chip chip--port mono">
                    :{port}
                  </span>
                ))}
              </>
            ) : (
              <span className="dim">It listens on no port: done once the new process runs.</span>
            )}
          </p>
          {needsConsent && (
            <div className="callout callout--warning" data-testid="environment-warning">
              <p>
                <Icon name="warning" size={14} /> PortLens cannot read this process's environment (it belongs
                to another user). Restarted, it would get PortLens's own environment instead: variables such
                as <span className="mono">PORT</span>, <span className="mono">NODE_ENV</span> or secrets it
                relied on would be missing.
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={withoutEnvironment}
                  onChange={(event) => setWithoutEnvironment(event.target.checked)}
                  data-testid="restart-without-environment"
                />
                Restart it without its original environment
              </label>
            </div>
          )}
          <SubjectView subject={value.subject} action="restart" />
        </>
      )}
    </Dialog>
  );
}
