/**
 * "Start again" for an ended process: the same command, in the same directory, with the
 * environment PortLens read while it ran (the backend's startAgain). When that environment was
 * unreadable, starting it with PortLens's own takes the same explicit consent as a restart.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProcessDetail } from '@contract/api';
import type { ProcessInfo } from '@contract/model';
import { describeError } from '../actions/describe-result';
import { EnvironmentConsent } from '../actions/restart-plan';
import { safeCall } from '../actions/safe-call';
import { useServices } from '../app/app-context';
import { formatCommand } from '../table/format';
import { ActionButton } from './panel-actions';

/** Props of StartAgain. */
export interface StartAgainProps {
  process: ProcessInfo;
  /** Its last details, if the panel read them (they say whether its environment was readable). */
  detail: ProcessDetail | undefined;
  /** The new process's pid, once it runs (the panel follows it). */
  onStarted: (pid: number) => void;
}

/** The button, the consent when needed, and the outcome as a toast. */
export function StartAgain({ process: proc, detail, onStarted }: StartAgainProps) {
  const { api, toasts } = useServices();
  const [busy, setBusy] = useState(false);
  const [withoutEnvironment, setWithoutEnvironment] = useState(false);
  const needsConsent = detail !== undefined && !detail.environmentReadable;
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // This replaces Kill and Restart when the process ends: focus that was on them fell to <body>.
    if (document.activeElement && document.activeElement !== document.body) return;
    row.current?.parentElement?.querySelector<HTMLElement>('button:not(:disabled), input')?.focus();
  }, []);
  const start = async () => {
    setBusy(true);
    const { pid, startTime, name } = proc;
    const result = await safeCall(() =>
      api.startAgain({ pid, startTime, withoutEnvironment, timeoutMs: null }),
    );
    setBusy(false);
    if (!result.ok) {
      toasts.push(describeError(`Starting ${name} again`, result.error));
      return;
    }
    const { newPid, ports } = result.value;
    toasts.push({
      kind: 'success',
      title: `Started ${name} again`,
      body: `${newPid === null ? '' : `New pid ${newPid}. `}${ports.length ? `Listening on ${ports.map((p) => `:${p}`).join(', ')}.` : ''}`,
      detail: result.value.logFile ? `Output is logged to ${result.value.logFile}` : null,
    });
    if (newPid !== null) onStarted(newPid);
  };
  return (
    <>
      <div className="panel__action-row" ref={row}>
        <span className="panel__action-label start-again__command mono" title={formatCommand(proc.argv)}>
          {proc.argv.length ? formatCommand(proc.argv) : proc.name}
        </span>
        <span className="spacer" />
        <ActionButton
          icon="restart"
          tone="primary"
          disabled={busy || (needsConsent && !withoutEnvironment)}
          onClick={() => void start()}
          testId="start-again-button"
        >
          {busy ? 'Starting…' : 'Start again'}
        </ActionButton>
      </div>
      {needsConsent && <EnvironmentConsent checked={withoutEnvironment} onChange={setWithoutEnvironment} />}
    </>
  );
}
