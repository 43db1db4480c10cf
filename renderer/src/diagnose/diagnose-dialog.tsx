/**
 * The Diagnose box: takes `127.0.0.1:62893`, `:3000` or `http://localhost:5173/`, runs the
 * backend's diagnose call and shows the verdict, what listens, the findings and next steps.
 */
import { useEffect, useRef, useState } from 'react';
import type { DiagnoseReport } from '@contract/diagnose-model';
import { useServices } from '../app/app-context';
import { safeCall } from '../actions/safe-call';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icons';
import { useDiagnoseTools } from './diagnose-context';
import { DiagnoseReportView } from './diagnose-report';

type Run = { state: 'idle' } | { state: 'running'; target: string } | { state: 'done'; report: DiagnoseReport } | { state: 'error'; message: string };

export function DiagnoseDialog({ initialTarget, onClose }: { initialTarget: string | null; onClose: () => void }) {
  const { api } = useServices();
  const tools = useDiagnoseTools();
  const [text, setText] = useState(initialTarget ?? '');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const start = async (target: string) => {
    if (!target.trim()) return;
    setRun({ state: 'running', target });
    const result = await safeCall(() => api.diagnose({ target: target.trim(), timeoutMs: null }));
    setRun(result.ok ? { state: 'done', report: result.value } : { state: 'error', message: result.error.message });
  };
  // The box is opened to type in: focus the input once the dialog has opened (showModal, in the
  // Dialog's effect, which runs after this component's, would move focus to its first button).
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => inputRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  // Opened with a target (the panel's Diagnose button, the Exposed view): diagnose it at once.
  const startRef = useRef(start);
  useEffect(() => {
    if (initialTarget) void startRef.current(initialTarget);
  }, [initialTarget]);
  return (
    <Dialog
      title="Why can't I reach it?"
      onClose={onClose}
      testId="diagnose-dialog"
      wide
      footer={
        tools && (
          <>
            <button type="button" className="button button--small button--quiet" onClick={() => tools.exposed()}>
              <Icon name="warning" size={13} /> Exposed ports…
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => tools.idle()}>
              <Icon name="plug" size={13} /> Unused ports…
            </button>
          </>
        )
      }
    >
      <form
        className="diagnose__form"
        onSubmit={(event) => {
          event.preventDefault();
          void start(text);
        }}
      >
        <input
          className="diagnose__input"
          type="text"
          ref={inputRef}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="127.0.0.1:62893, :3000 or http://localhost:5173/"
          aria-label="Address and port, or URL"
          spellCheck={false}
          data-testid="diagnose-input"
        />
        <button type="submit" className="button button--primary" disabled={run.state === 'running'} data-testid="diagnose-run">
          {run.state === 'running' ? 'Diagnosing…' : 'Diagnose'}
        </button>
      </form>
      <div role="status" aria-live="polite" className="diagnose__status">
        {run.state === 'running' && <p className="dim">Diagnosing {run.target}… (at most 3 s)</p>}
        {run.state === 'error' && <p className="callout callout--danger">{run.message}</p>}
      </div>
      {run.state === 'done' && <DiagnoseReportView report={run.report} onRerun={() => void start(text)} />}
    </Dialog>
  );
}
