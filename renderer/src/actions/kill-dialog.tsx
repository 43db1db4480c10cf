/**
 * Kill confirmation: shows the preview (each process, its children, every port that will
 * close, refusals) and kills exactly those processes, by (pid, start time), on confirm.
 */
import { useState } from 'react';
import type { KillPreview, KillRequest, Target } from '@contract/api';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { describeTarget } from './action-target';
import { ConfirmButtons, PreviewError } from './confirm-parts';
import { describeError, describeKill } from './describe-result';
import { safeCall } from './safe-call';
import { SubjectView } from './subject-view';

const MAX_PROCESSES = 64;

/** The processes a kill request names: each killable subject and its children, once each. */
export function killProcesses(preview: KillPreview): KillRequest['processes'] {
  const processes = new Map<number, number>();
  for (const subject of preview.subjects) {
    if (subject.refusal) continue;
    for (const info of [subject.process, ...subject.children]) processes.set(info.pid, info.startTime);
  }
  return [...processes].map(([pid, startTime]) => ({ pid, startTime }));
}

/** What the kill will do: the signal, each subject, and the refused or too many processes. */
function KillPlan(props: { preview: KillPreview; processes: KillRequest['processes']; force: boolean }) {
  const { preview, processes, force } = props;
  const refused = preview.subjects.filter((subject) => subject.refusal);
  return (
    <>
      <p>
        {force ? 'SIGKILL ends' : 'SIGTERM asks'}{' '}
        {processes.length === 1 ? 'this process' : 'these processes'} to stop
        {force ? ' immediately.' : '; if they are still running after the timeout, SIGKILL ends them.'}
      </p>
      {preview.subjects.map((subject) => (
        <SubjectView key={subject.process.pid} subject={subject} action="kill" />
      ))}
      {refused.length > 0 && processes.length > 0 && (
        <p className="callout callout--warning">
          Refused processes are left running; only the others are killed.
        </p>
      )}
      {processes.length > MAX_PROCESSES && (
        <p className="callout callout--danger">
          That is {processes.length} processes; PortLens ends at most {MAX_PROCESSES} at once.
        </p>
      )}
    </>
  );
}

/** The dialog. */
export function KillDialog({ target, onClose }: { target: Target; onClose: () => void }) {
  const { api, toasts, store } = useServices();
  const [preview] = useCall(JSON.stringify(target), () => api.killPreview(target));
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);

  const processes = preview.state === 'ok' ? killProcesses(preview.value) : [];
  const tooMany = processes.length > MAX_PROCESSES;
  const canKill = !busy && processes.length > 0 && !tooMany;

  const confirm = async () => {
    setBusy(true);
    const result = await safeCall(() => api.kill({ processes, force, timeoutMs: null }));
    setBusy(false);
    toasts.push(result.ok ? describeKill(result.value) : describeError('Kill', result.error));
    onClose();
  };

  const label =
    preview.state === 'ok' && preview.value.subjects.length === 1 && preview.value.subjects[0]
      ? `${preview.value.subjects[0].process.name} (pid ${preview.value.subjects[0].process.pid})`
      : describeTarget(target, store.data);

  return (
    <Dialog
      title={`Kill ${label}?`}
      tone="danger"
      testId="kill-dialog"
      onClose={onClose}
      footer={
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={force}
              onChange={(event) => setForce(event.target.checked)}
              data-testid="kill-force"
            />
            Force: SIGKILL at once (no chance to clean up)
          </label>
          <ConfirmButtons
            className="button button--danger"
            disabled={!canKill}
            testId="confirm-kill"
            label={busy ? 'Killing…' : processes.length > 1 ? `Kill ${processes.length} processes` : 'Kill'}
            onCancel={onClose}
            onConfirm={() => void confirm()}
          />
        </>
      }
    >
      {preview.state === 'loading' && <p className="dim">Looking up what would end…</p>}
      {preview.state === 'error' && <PreviewError error={preview.error} />}
      {preview.state === 'ok' && <KillPlan preview={preview.value} processes={processes} force={force} />}
    </Dialog>
  );
}
