/**
 * The Timeline view: port events from the history (listeners and connections opening and
 * closing, kills, restarts), searched by port, process or text and a time; with a port, it
 * answers "what was listening there at that time?" first. Exports what it shows to CSV or JSON.
 */
import { objectsToCsv } from '@contract/export/csv';
import { HISTORY_EVENT_FIELDS, type HistoryEvent, type HistoryResult } from '@contract/history';
import { hostPort } from '@contract/reachability';
import { useState, type FormEvent } from 'react';
import { useServices } from '../app/app-context';
import { formatBytes, formatTimestamp } from '../table/format';
import { Dialog } from '../ui/dialog';
import { useCall } from '../ui/use-call';
import { exportFileName, saveTextFile } from './save-file';
import { listenersAt, timelineQuery, type TimelineForm } from './timeline-query';
import './views.css';

const RANGES: { hours: number; label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '24 hours' },
  { hours: 24 * 7, label: '7 days' },
];

const EVENT_LABEL: Record<HistoryEvent['type'], string> = {
  'listen-opened': 'Listening',
  'listen-closed': 'Stopped listening',
  'connection-opened': 'Connected',
  'connection-closed': 'Disconnected',
  kill: 'Killed',
  restart: 'Restarted',
  'close-connection': 'Connection closed by PortLens',
};

/** The search form; submitting (Enter or Search) runs the query. */
function TimelineSearch({
  initial,
  onSearch,
}: {
  initial: TimelineForm;
  onSearch: (form: TimelineForm) => void;
}) {
  const [form, setForm] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  return (
    <form
      className="views__form"
      onSubmit={submit}
      aria-label="Search the history"
      data-testid="timeline-form"
    >
      <label>
        <span>Port</span>
        <input
          inputMode="numeric"
          size={6}
          placeholder="any"
          value={form.port}
          onChange={(e) => setForm({ ...form, port: e.target.value })}
          data-testid="timeline-port"
        />
      </label>
      <label>
        <span>Process or text</span>
        <input
          size={14}
          placeholder="name, address, command"
          value={form.text}
          onChange={(e) => setForm({ ...form, text: e.target.value })}
          data-testid="timeline-text"
        />
      </label>
      <label>
        <span>At (empty: now)</span>
        <input
          type="datetime-local"
          value={form.at}
          onChange={(e) => setForm({ ...form, at: e.target.value })}
          data-testid="timeline-at"
        />
      </label>
      <label>
        <span>Events of the last</span>
        <select
          value={form.hours}
          onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })}
          data-testid="timeline-hours"
        >
          {RANGES.map((r) => (
            <option key={r.hours} value={r.hours}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary button--small" data-testid="timeline-search">
        Search
      </button>
    </form>
  );
}

function EventRow({ event: e }: { event: HistoryEvent }) {
  const bytes =
    e.bytesSent !== null || e.bytesReceived !== null
      ? `↑ ${formatBytes(e.bytesSent ?? 0)} ↓ ${formatBytes(e.bytesReceived ?? 0)}`
      : '';
  return (
    <tr data-testid="timeline-row" data-type={e.type} data-port={e.localPort} data-pid={e.pid ?? undefined}>
      <td className="mono">{formatTimestamp(e.time)}</td>
      <td>{EVENT_LABEL[e.type]}</td>
      <td className="mono">
        {hostPort(e.localAddress, e.localPort)}
        {e.protocol === 'udp' ? '/udp' : ''}
      </td>
      <td className="mono">
        {e.remoteAddress !== null && e.remotePort !== null ? hostPort(e.remoteAddress, e.remotePort) : ''}
      </td>
      <td className="views__nowrap">
        {e.processName ?? <span className="dim">—</span>}
        {e.pid !== null && <span className="dim"> pid {e.pid}</span>}
      </td>
      <td className="mono">{bytes}</td>
      <td className="dim views__detail">{e.detail ?? ''}</td>
    </tr>
  );
}

/** "At 14:00, :3000 was node (pid 4242), listening since 13:02." */
function OpenAt({ events, at, port }: { events: readonly HistoryEvent[]; at: number; port: number }) {
  const open = listenersAt(events, at);
  return (
    <p className="callout" data-testid="timeline-answer">
      {open.length === 0
        ? `At ${formatTimestamp(at)}, nothing was listening on port ${port} (as far as the history goes).`
        : open
            .map(
              (e) =>
                `At ${formatTimestamp(at)}, ${hostPort(e.localAddress, e.localPort)} was ${e.processName ?? 'an unknown process'}${e.pid !== null ? ` (pid ${e.pid})` : ''}, listening since ${formatTimestamp(e.time)}.`,
            )
            .join(' ')}
    </p>
  );
}

function exportEvents(result: HistoryResult, format: 'csv' | 'json') {
  const text =
    format === 'csv'
      ? objectsToCsv(HISTORY_EVENT_FIELDS, result.events)
      : JSON.stringify(result.events, null, 2);
  saveTextFile(exportFileName('history', format), text, format === 'csv' ? 'text/csv' : 'application/json');
}

export function TimelineDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  // The search as submitted, with the time it was submitted ("now" for an empty At).
  const [search, setSearch] = useState<{ form: TimelineForm; now: number }>(() => ({
    form: { port: '', text: '', at: '', hours: 24 },
    now: Date.now(),
  }));
  const built = timelineQuery(search.form, search.now);
  const query = 'query' in built ? built.query : null;
  const [result] = useCall(query ? JSON.stringify(query) : null, () => api.history(query!));
  // With a port, the listeners open at the time come from all the port's history before it.
  const openQuery = query && query.port !== null ? { ...query, since: null } : null;
  const [openResult] = useCall(openQuery ? JSON.stringify(openQuery) : null, () => api.history(openQuery!));
  const events = result.state === 'ok' ? result.value.events : [];
  return (
    <Dialog
      title="Timeline"
      onClose={onClose}
      testId="timeline-dialog"
      wide="extra"
      footer={
        result.state === 'ok' && (
          <>
            <button
              type="button"
              className="button"
              onClick={() => exportEvents(result.value, 'csv')}
              data-testid="timeline-export-csv"
              disabled={!events.length}
            >
              Export CSV
            </button>
            <button
              type="button"
              className="button"
              onClick={() => exportEvents(result.value, 'json')}
              data-testid="timeline-export-json"
              disabled={!events.length}
            >
              Export JSON
            </button>
          </>
        )
      }
    >
      <TimelineSearch initial={search.form} onSearch={(form) => setSearch({ form, now: Date.now() })} />
      <div role="status" aria-live="polite">
        {'error' in built && <p className="callout callout--danger">{built.error}</p>}
        {result.state === 'loading' && query && <p className="dim">Searching the history…</p>}
        {result.state === 'error' && <p className="callout callout--danger">{result.error.message}</p>}
        {query && query.port !== null && openResult.state === 'ok' && (
          <OpenAt events={openResult.value.events} at={query.until ?? search.now} port={query.port} />
        )}
        {result.state === 'ok' && (
          <p className="dim" data-testid="timeline-summary">
            {events.length} event{events.length === 1 ? '' : 's'}
            {result.value.truncated ? ` (the newest ${events.length}; narrow the search for older ones)` : ''}
            {result.value.damaged
              ? `; ${result.value.damaged} damaged record${result.value.damaged === 1 ? '' : 's'} skipped`
              : ''}
            .
          </p>
        )}
      </div>
      {events.length > 0 && (
        <div className="views__scroll">
          <table className="diagnose__table views__table" data-testid="timeline-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Local</th>
                <th scope="col">Remote</th>
                <th scope="col">Process</th>
                <th scope="col">Bytes</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {[...events].reverse().map((e, i) => (
                <EventRow key={i} event={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
