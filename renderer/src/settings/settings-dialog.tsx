/**
 * Settings: polling interval, notification rules (on/off, loopback only, ignored processes and
 * ports) and action timeouts. Read with getSettings, saved with setSettings; the backend
 * validates and persists them, so the same settings hold in the app, browser mode and the CLI.
 */
import { useState } from 'react';
import type { Settings } from '@contract/api';
import { safeCall } from '../actions/safe-call';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { parseNames, parsePorts } from './parse-list';
import './settings.css';

/** The dialog. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const [loaded] = useCall('settings', () => api.getSettings({}));
  return (
    <Dialog title="Settings" testId="settings-dialog" onClose={onClose}>
      {loaded.state === 'loading' && <p className="dim">Loading settings…</p>}
      {loaded.state === 'error' && (
        <div className="callout callout--danger" role="alert">
          <strong>{loaded.error.message}</strong>
        </div>
      )}
      {loaded.state === 'ok' && <SettingsForm initial={loaded.value} onClose={onClose} />}
    </Dialog>
  );
}

function SettingsForm({ initial, onClose }: { initial: Settings; onClose: () => void }) {
  const { api, toasts } = useServices();
  const [enabled, setEnabled] = useState(initial.notifications.enabled);
  const [loopbackOnly, setLoopbackOnly] = useState(initial.notifications.loopbackOnly);
  const [processes, setProcesses] = useState(initial.notifications.ignoredProcesses.join(', '));
  const [ports, setPorts] = useState(initial.notifications.ignoredPorts.join(', '));
  const [pollSeconds, setPollSeconds] = useState(String(initial.pollIntervalMs / 1000));
  const [killSeconds, setKillSeconds] = useState(String(initial.killTimeoutMs / 1000));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const parsedPorts = parsePorts(ports);
    if (!parsedPorts.ok) return setError(`“${parsedPorts.bad}” is not a port number (1–65535).`);
    const poll = Math.round(Number(pollSeconds) * 1000);
    if (!(poll >= 200 && poll <= 60_000)) return setError('Refresh every 0.2 to 60 seconds.');
    const killTimeout = Math.round(Number(killSeconds) * 1000);
    if (!(killTimeout >= 100 && killTimeout <= 120_000)) return setError('Wait 0.1 to 120 seconds before forcing a kill.');
    setBusy(true);
    const result = await safeCall(() =>
      api.setSettings({
        pollIntervalMs: poll,
        killTimeoutMs: killTimeout,
        notifications: { enabled, loopbackOnly, ignoredProcesses: parseNames(processes), ignoredPorts: parsedPorts.ports },
      }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.push({ kind: 'success', title: 'Settings saved' });
    onClose();
  };

  return (
    <form
      className="settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="settings__group">
        <legend>New-port notifications</legend>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="settings-notify" />
          Notify when a port opens
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={loopbackOnly}
            disabled={!enabled}
            onChange={(e) => setLoopbackOnly(e.target.checked)}
            data-testid="settings-loopback-only"
          />
          Only for ports on loopback addresses (127.0.0.1, ::1)
        </label>
        <label className="settings__field">
          <span>Ignore processes</span>
          <input
            className="mono"
            value={processes}
            disabled={!enabled}
            placeholder="e.g. chrome, code"
            onChange={(e) => setProcesses(e.target.value)}
            data-testid="settings-ignored-processes"
          />
        </label>
        <label className="settings__field">
          <span>Ignore ports</span>
          <input
            className="mono"
            value={ports}
            disabled={!enabled}
            placeholder="e.g. 5432, 6379"
            onChange={(e) => setPorts(e.target.value)}
            data-testid="settings-ignored-ports"
          />
        </label>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Monitor and actions</legend>
        <label className="settings__field">
          <span>Refresh every (seconds)</span>
          <input className="mono" inputMode="decimal" value={pollSeconds} onChange={(e) => setPollSeconds(e.target.value)} data-testid="settings-poll" />
        </label>
        <label className="settings__field">
          <span>Force a kill after (seconds)</span>
          <input className="mono" inputMode="decimal" value={killSeconds} onChange={(e) => setKillSeconds(e.target.value)} data-testid="settings-kill-timeout" />
        </label>
      </fieldset>
      {error && (
        <p className="callout callout--danger" role="alert" data-testid="settings-error">
          {error}
        </p>
      )}
      <div className="settings__footer">
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="settings-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
