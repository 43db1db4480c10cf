/**
 * Restart confirmation: how PortLens will restart the process (systemd, docker, pm2, launchd,
 * Homebrew, or relaunching its command), the exact command, the ports it waits for, and, when the
 * process's environment is unreadable, an explicit consent to restart without it.
 */
import { useState } from 'react';
import type { RestartPreview, Target } from '@contract/api';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { describeTarget } from './action-target';
import { ConfirmButtons, PreviewError } from './confirm-parts';
import { describeError, describeRestart } from './describe-result';
import { EnvironmentConsent, RestartPlan } from './restart-plan';
import { safeCall } from './safe-call';
import { SubjectView } from './subject-view';

/** Restarts the previewed process, toasts the outcome, then closes; `busy` while it runs. */
function useConfirmRestart(value: RestartPreview | null, withoutEnvironment: boolean, onClose: () => void) {
  const { api, toasts } = useServices();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!value) return;
    setBusy(true);
    const { pid, startTime, name } = value.subject.process;
    const result = await safeCall(() => api.restart({ pid, startTime, withoutEnvironment, timeoutMs: null, command: value.command }));
    setBusy(false);
    toasts.push(
      result.ok ? describeRestart(result.value, name) : describeError(`Restarting ${name}`, result.error),
    );
    onClose();
  };
  return { busy, confirm };
}

/** The dialog. */
export function RestartDialog({ target, onClose }: { target: Target; onClose: () => void }) {
  const { api, store } = useServices();
  const [preview] = useCall(JSON.stringify(target), () => api.restartPreview(target));
  const [withoutEnvironment, setWithoutEnvironment] = useState(false);

  const value = preview.state === 'ok' ? preview.value : null;
  const needsConsent = value !== null && !value.environmentReadable;
  const { busy, confirm } = useConfirmRestart(value, needsConsent && withoutEnvironment, onClose);
  const canRestart =
    !busy && value !== null && !value.subject.refusal && (!needsConsent || withoutEnvironment);

  const name = value
    ? `${value.subject.process.name} (pid ${value.subject.process.pid})`
    : describeTarget(target, store.data);
  const footer = (
    <ConfirmButtons
      className="button button--primary"
      disabled={!canRestart}
      testId="confirm-restart"
      label={busy ? 'Restarting…' : 'Restart'}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    />
  );
  return (
    <Dialog title={`Restart ${name}?`} testId="restart-dialog" wide onClose={onClose} footer={footer}>
      {preview.state === 'loading' && <p className="dim">Working out how to restart it…</p>}
      {preview.state === 'error' && <PreviewError error={preview.error} />}
      {value && (
        <>
          <RestartPlan plan={value} />
          {needsConsent && (
            <EnvironmentConsent checked={withoutEnvironment} onChange={setWithoutEnvironment} />
          )}
          <SubjectView subject={value.subject} action="restart" />
        </>
      )}
    </Dialog>
  );
}
