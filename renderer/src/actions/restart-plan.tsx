/** What a restart will do: its method, the exact command, where, and the ports it waits for. */
import type { RestartMethod, RestartPreview } from '@contract/api';
import { formatCommand } from '../table/format';
import { Icon } from '../ui/icons';

const METHOD_TEXT: Record<RestartMethod, string> = {
  systemd: 'Restarts its systemd unit with this command:',
  docker: 'Restarts its Docker container with this command:',
  pm2: 'Restarts it through pm2 with this command:',
  launchd: 'Restarts its launchd job with this command:',
  homebrew: 'Restarts its Homebrew service with this command:',
  'windows-service': 'Restarts its Windows service with this command (needs an administrator):',
  process: 'Stops the process, then starts the same command again in the same directory:',
};

/** The method, command, directory and ports of a restart preview. */
export function RestartPlan({ plan }: { plan: RestartPreview }) {
  return (
    <>
      <p>
        <span className="badge badge--method" data-testid="restart-method">
          {plan.method}
        </span>{' '}
        {METHOD_TEXT[plan.method]}
      </p>
      <pre className="command-block mono" data-testid="restart-command">
        {formatCommand(plan.command)}
      </pre>
      {plan.cwd && (
        <p className="subject__line">
          In <span className="mono">{plan.cwd}</span>
        </p>
      )}
      <p className="subject__line">
        {plan.ports.length ? (
          <>
            Done when these listen again:{' '}
            {plan.ports.map((port) => (
              <span key={port} className="chip chip--port mono">
                :{port}
              </span>
            ))}
          </>
        ) : (
          <span className="dim">It listens on no port: done once the new process runs.</span>
        )}
      </p>
    </>
  );
}

/** The warning, and the consent asked, when the process's environment cannot be read. */
export function EnvironmentConsent(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="callout callout--warning" data-testid="environment-warning">
      <p>
        <Icon name="warning" size={14} /> PortLens cannot read this process's environment (it belongs to
        another user). Restarted, it would get PortLens's own environment instead: variables such as{' '}
        <span className="mono">PORT</span>, <span className="mono">NODE_ENV</span> or secrets it relied on
        would be missing.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={props.checked}
          onChange={(event) => props.onChange(event.target.checked)}
          data-testid="restart-without-environment"
        />
        Restart it without its original environment
      </label>
    </div>
  );
}
