/** "Close unused ports": the kill preview of every idle listener's process, then one kill of exactly those. */
import { useState } from 'react';
import type { KillPreview } from '@contract/api';
import type { IdleListener } from '@contract/diagnose-model';
import { ConfirmButtons, PreviewError } from '../actions/confirm-parts';
import { describeError, describeKill } from '../actions/describe-result';
import { killProcesses } from '../actions/kill-dialog';
import { safeCall } from '../actions/safe-call';
import { SubjectView } from '../actions/subject-view';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';

/** One preview for several processes: each previewed by (pid, start time), merged by pid. */
async function previewAll(api: ReturnType<typeof useServices>['api'], listeners: readonly IdleListener[]) {
  const subjects = new Map<number, KillPreview['subjects'][number]>();
  for (const l of listeners) {
    if (l.pid === null || l.startTime === null || subjects.has(l.pid)) continue;
    const result = await safeCall(() => api.killPreview({ kind: 'pid', pid: l.pid as number, startTime: l.startTime }));
    if (!result.ok) return result;
    for (const subject of result.value.subjects) subjects.set(subject.process.pid, subject);
  }
  return { ok: true as const, value: { subjects: [...subjects.values()] } };
}

export function CloseUnusedDialog({ listeners, onClose }: { listeners: readonly IdleListener[]; onClose: () => void }) {
  const { api, toasts } = useServices();
  const [preview] = useCall(listeners.map((l) => `${l.pid}:${l.startTime}`).join(','), () => previewAll(api, listeners));
  const [busy, setBusy] = useState(false);
  const processes = preview.state === 'ok' ? killProcesses(preview.value) : [];
  const confirm = async () => {
    setBusy(true);
    const result = await safeCall(() => api.kill({ processes, force: false, timeoutMs: null }));
    setBusy(false);
    toasts.push(result.ok ? describeKill(result.value) : describeError('Close unused ports', result.error));
    onClose();
  };
  return (
    <Dialog
      title="Close unused ports?"
      tone="danger"
      testId="close-unused-dialog"
      onClose={onClose}
      footer={
        <ConfirmButtons
          className="button button--danger"
          disabled={busy || processes.length === 0}
          testId="confirm-close-unused"
          label={busy ? 'Closing…' : `Kill ${processes.length} process${processes.length === 1 ? '' : 'es'}`}
          onCancel={onClose}
          onConfirm={() => void confirm()}
        />
      }
    >
      {preview.state === 'loading' && <p className="dim">Looking up what would end…</p>}
      {preview.state === 'error' && <PreviewError error={preview.error} />}
      {preview.state === 'ok' && (
        <>
          <p>SIGTERM asks these processes to stop; if they are still running after the timeout, SIGKILL ends them.</p>
          {preview.value.subjects.map((subject) => (
            <SubjectView key={subject.process.pid} subject={subject} action="kill" />
          ))}
        </>
      )}
    </Dialog>
  );
}
