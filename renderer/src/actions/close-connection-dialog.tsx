/**
 * Close connection (TCPView's "Close Connection"): ends one TCP connection without killing its
 * process. Shows the preview (the connection, its owner, the refusal when PortLens may not
 * close it), and closes exactly that connection (its two ends and row id) on confirm.
 */
import { useState } from 'react';
import type { SocketRow } from '@contract/model';
import { hostPort } from '@contract/reachability';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { ConfirmButtons, PreviewError } from './confirm-parts';
import { connectionTarget } from './connection-target';
import { describeError } from './describe-result';
import { safeCall } from './safe-call';

/** The dialog. */
export function CloseConnectionDialog({ row, onClose }: { row: SocketRow; onClose: () => void }) {
  const { api, toasts } = useServices();
  const target = connectionTarget(row);
  const [preview] = useCall(target ? JSON.stringify(target) : null, () => api.closePreview(target!));
  const [busy, setBusy] = useState(false);
  const refusal = preview.state === 'ok' ? preview.value.refusal : null;
  const ends = `${hostPort(row.localAddress, row.localPort)} ⇄ ${row.remoteAddress === null ? '' : hostPort(row.remoteAddress, row.remotePort ?? 0)}`;

  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    const result = await safeCall(() => api.closeConnection({ target, rowId: row.id }));
    setBusy(false);
    toasts.push(
      result.ok
        ? { kind: 'success', title: 'Connection closed', body: `${ends}; its process keeps running.` }
        : describeError('Close connection', result.error),
    );
    onClose();
  };

  return (
    <Dialog
      title="Close this connection?"
      tone="danger"
      testId="close-connection-dialog"
      onClose={onClose}
      footer={
        <ConfirmButtons
          className="button button--danger"
          disabled={busy || preview.state !== 'ok' || refusal !== null}
          testId="confirm-close-connection"
          label={busy ? 'Closing…' : 'Close connection'}
          onCancel={onClose}
          onConfirm={() => void confirm()}
        />
      }
    >
      <p className="mono" data-testid="close-connection-ends">
        {ends}
      </p>
      {!target && <p className="callout callout--danger">Only an open TCP connection can be closed.</p>}
      {preview.state === 'loading' && target && <p className="dim">Looking up the connection…</p>}
      {preview.state === 'error' && <PreviewError error={preview.error} />}
      {preview.state === 'ok' && (
        <>
          <p>
            The kernel ends the connection at once (both ends see it reset);{' '}
            {preview.value.owner
              ? `${preview.value.owner.name} (pid ${preview.value.owner.pid})`
              : 'its process'}{' '}
            keeps running.
          </p>
          {refusal && (
            <p className="callout callout--warning" role="alert" data-testid="close-connection-refusal">
              Not permitted: {refusal}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
