/** The panel's process facts: executable, full command, directory, user, start, ancestry, manager. */
import type { ProcessDetail } from '@contract/api';
import { useActions } from '../actions/actions-context';
import { formatCommand, formatDuration, formatTimestamp } from '../table/format';
import { IconButton } from '../ui/icon-button';
import { ParentChain } from './parent-chain';
import { serviceText } from './service-text';

/** Props of ProcessOverview. */
export interface ProcessOverviewProps {
  detail: ProcessDetail;
  now: number;
  /** The process has ended: the facts are as it last ran. */
  ended?: boolean;
  onOpenProcess: (pid: number) => void;
}

/** The facts. */
export function ProcessOverview({ detail, now, ended = false, onOpenProcess }: ProcessOverviewProps) {
  const actions = useActions();
  const { process: proc, parents, environmentReadable } = detail;
  const command = formatCommand(proc.argv);
  return (
    <dl className="facts" data-testid="process-facts">
      <dt>Executable</dt>
      <dd className="mono break">{proc.exe ?? <span className="dim">unreadable</span>}</dd>
      <dt>Command</dt>
      <dd>
        {proc.argv.length ? (
          <div className="copyable">
            <pre className="mono command-block" data-testid="process-command">
              {command}
            </pre>
            <IconButton
              icon="copy"
              small
              label="Copy command"
              title="Copy command"
              onClick={() => actions.copy(command, 'command')}
            />
          </div>
        ) : (
          <span className="dim">none (a kernel thread or a zombie)</span>
        )}
      </dd>
      <dt>Directory</dt>
      <dd className="mono break">{proc.cwd ?? <span className="dim">unreadable</span>}</dd>
      <dt>User</dt>
      <dd>
        {proc.user || <span className="dim">unknown</span>}{' '}
        {proc.uid !== null && <span className="dim mono">uid {proc.uid}</span>}
      </dd>
      <dt>Started</dt>
      <dd>
        {formatTimestamp(proc.startedAt, now)}{' '}
        <span className="dim">{ended ? '· ended' : `· up ${formatDuration(now - proc.startedAt)}`}</span>
      </dd>
      <dt>Parents</dt>
      <dd>
        <ParentChain parents={parents} process={proc} onOpenProcess={onOpenProcess} />
      </dd>
      <dt>Managed by</dt>
      <dd data-testid="service-manager">{serviceText(proc.service)}</dd>
      {!environmentReadable && (
        <>
          <dt>Environment</dt>
          <dd className="dim">
            unreadable (another user's process): {ended ? 'starting it again' : 'a restart'} would not keep it
          </dd>
        </>
      )}
    </dl>
  );
}
