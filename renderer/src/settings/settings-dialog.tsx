/**
 * Settings: polling interval, notification rules (on/off, loopback only, ignored processes and
 * ports) and action timeouts. Read with getSettings, saved with setSettings; the backend
 * validates and persists them, so the same settings hold in the app, browser mode and the CLI.
 */
import { useState } from 'react';
import type { Settings, SettingsPatch } from '@contract/api';
import { safeCall } from '../actions/safe-call';
import { useServices } from '../app/app-context';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { parseNames, parsePorts } from './parse-list';
import { CheckField, TextField } from './settings-fields';
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

/** The form's fields as typed (text, not yet validated). */
interface Draft {
  enabled: boolean;
  loopbackOnly: boolean;
  processes: string;
  ports: string;
  pollSeconds: string;
  killSeconds: string;
  resolveNames: boolean;
  historyDays: string;
  historyMegabytes: string;
}

function draftOf(initial: Settings): Draft {
  const { notifications } = initial;
  return {
    enabled: notifications.enabled,
    loopbackOnly: notifications.loopbackOnly,
    processes: notifications.ignoredProcesses.join(', '),
    ports: notifications.ignoredPorts.join(', '),
    pollSeconds: String(initial.pollIntervalMs / 1000),
    killSeconds: String(initial.killTimeoutMs / 1000),
    resolveNames: initial.resolveNames,
    historyDays: String(initial.historyMaxAgeDays),
    historyMegabytes: String(initial.historyMaxMegabytes),
  };
}

/** What is wrong with each text field of a draft (all at once, so one save shows every problem). */
type FieldErrors = Partial<Record<TextKey, string>>;

/** The settings a draft asks for, or what is wrong with each field. */
function parseDraft(
  draft: Draft,
): { ok: true; settings: SettingsPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsedPorts = parsePorts(draft.ports);
  if (!parsedPorts.ok) errors.ports = `“${parsedPorts.bad}” is not a port number (1–65535).`;
  const poll = Math.round(Number(draft.pollSeconds) * 1000);
  if (!(poll >= 200 && poll <= 60_000)) errors.pollSeconds = 'Refresh every 0.2 to 60 seconds.';
  const killTimeout = Math.round(Number(draft.killSeconds) * 1000);
  if (!(killTimeout >= 100 && killTimeout <= 120_000))
    errors.killSeconds = 'Wait 0.1 to 120 seconds before forcing a kill.';
  const historyMaxAgeDays = Number(draft.historyDays);
  if (!(Number.isInteger(historyMaxAgeDays) && historyMaxAgeDays >= 1 && historyMaxAgeDays <= 365))
    errors.historyDays = 'Keep history 1 to 365 days (whole days).';
  const historyMaxMegabytes = Number(draft.historyMegabytes);
  if (!(Number.isInteger(historyMaxMegabytes) && historyMaxMegabytes >= 1 && historyMaxMegabytes <= 100_000))
    errors.historyMegabytes = 'Let history take 1 to 100000 MiB (whole MiB).';
  if (!parsedPorts.ok || Object.keys(errors).length) return { ok: false, errors };
  const { enabled, loopbackOnly } = draft;
  const ignoredProcesses = parseNames(draft.processes);
  return {
    ok: true,
    settings: {
      pollIntervalMs: poll,
      killTimeoutMs: killTimeout,
      resolveNames: draft.resolveNames,
      historyMaxAgeDays,
      historyMaxMegabytes,
      notifications: { enabled, loopbackOnly, ignoredProcesses, ignoredPorts: parsedPorts.ports },
    },
  };
}

/** Validates and saves a draft: toasts and closes on success, else sets the field errors or `error`. */
function useSaveSettings(onClose: () => void) {
  const { api, toasts } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const save = async (draft: Draft) => {
    const parsed = parseDraft(draft);
    setFieldErrors(parsed.ok ? {} : parsed.errors);
    setError(null);
    if (!parsed.ok) return;
    setBusy(true);
    const result = await safeCall(() => api.setSettings(parsed.settings));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.push({ kind: 'success', title: 'Settings saved' });
    onClose();
  };
  return { error, fieldErrors, busy, save };
}

type Update = (patch: Partial<Draft>) => void;
type TextKey = 'processes' | 'ports' | 'pollSeconds' | 'killSeconds' | 'historyDays' | 'historyMegabytes';

/** The value and change handler of a draft's text field. */
const bindText = (draft: Draft, update: Update, key: TextKey, errors: FieldErrors) => ({
  value: draft[key],
  error: errors[key],
  onChange: (value: string) => update({ [key]: value }),
});

/** The notification rules. */
function NotificationFields({
  draft,
  update,
  errors,
}: {
  draft: Draft;
  update: Update;
  errors: FieldErrors;
}) {
  const off = !draft.enabled;
  const text = (key: TextKey) => bindText(draft, update, key, errors);
  return (
    <fieldset className="settings__group">
      <legend>New-port notifications</legend>
      <CheckField
        label="Notify when a port opens"
        checked={draft.enabled}
        onChange={(enabled) => update({ enabled })}
        testId="settings-notify"
      />
      <CheckField
        label="Only for ports on loopback addresses (127.0.0.1, ::1)"
        checked={draft.loopbackOnly}
        disabled={off}
        onChange={(loopbackOnly) => update({ loopbackOnly })}
        testId="settings-loopback-only"
      />
      <TextField
        label="Ignore processes"
        {...text('processes')}
        disabled={off}
        placeholder="e.g. chrome, code"
        testId="settings-ignored-processes"
      />
      <TextField
        label="Ignore ports"
        {...text('ports')}
        disabled={off}
        placeholder="e.g. 5432, 6379"
        testId="settings-ignored-ports"
      />
    </fieldset>
  );
}

/** Polling interval and kill timeout. */
function MonitorFields({ draft, update, errors }: { draft: Draft; update: Update; errors: FieldErrors }) {
  const text = (key: TextKey) => bindText(draft, update, key, errors);
  return (
    <fieldset className="settings__group">
      <legend>Monitor and actions</legend>
      <TextField
        label="Refresh every (seconds)"
        inputMode="decimal"
        {...text('pollSeconds')}
        testId="settings-poll"
      />
      <TextField
        label="Force a kill after (seconds)"
        inputMode="decimal"
        {...text('killSeconds')}
        testId="settings-kill-timeout"
      />
    </fieldset>
  );
}

/** Remote names and the history's limits (#14). */
function NamesAndHistoryFields({
  draft,
  update,
  errors,
}: {
  draft: Draft;
  update: Update;
  errors: FieldErrors;
}) {
  const text = (key: TextKey) => bindText(draft, update, key, errors);
  return (
    <fieldset className="settings__group">
      <legend>Names and history</legend>
      <CheckField
        label="Show host names of remote addresses (reverse DNS)"
        checked={draft.resolveNames}
        onChange={(resolveNames) => update({ resolveNames })}
        testId="settings-resolve-names"
      />
      <TextField
        label="Keep history for (days)"
        inputMode="numeric"
        {...text('historyDays')}
        testId="settings-history-days"
      />
      <TextField
        label="History may use at most (MiB)"
        inputMode="numeric"
        {...text('historyMegabytes')}
        testId="settings-history-megabytes"
      />
    </fieldset>
  );
}

function SettingsForm({ initial, onClose }: { initial: Settings; onClose: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(initial));
  const update = (patch: Partial<Draft>) => setDraft((old) => ({ ...old, ...patch }));
  const { error, fieldErrors, busy, save } = useSaveSettings(onClose);
  const problems = [...Object.values(fieldErrors), ...(error ? [error] : [])];

  return (
    <form
      className="settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save(draft);
      }}
    >
      <NotificationFields draft={draft} update={update} errors={fieldErrors} />
      <MonitorFields draft={draft} update={update} errors={fieldErrors} />
      <NamesAndHistoryFields draft={draft} update={update} errors={fieldErrors} />
      {problems.length > 0 && (
        <div className="callout callout--danger" role="alert" data-testid="settings-error">
          {problems.length > 1 && <p>Not saved: {problems.length} fields need fixing.</p>}
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
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
