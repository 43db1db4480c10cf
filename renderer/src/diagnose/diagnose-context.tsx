/**
 * The diagnose tools any component can open: the Diagnose box (toolbar, Ctrl+K, the owner
 * panel's Diagnose button), the Exposed view and the idle listeners view. Their dialogs load on
 * first use, so the first paint does not wait for them.
 */
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ActionsProvider } from '../actions/actions-context';
import './diagnose.css';

const DiagnoseDialog = lazy(() => import('./diagnose-dialog').then((m) => ({ default: m.DiagnoseDialog })));
const ExposedDialog = lazy(() => import('./exposed-dialog').then((m) => ({ default: m.ExposedDialog })));
const IdleDialog = lazy(() => import('./idle-dialog').then((m) => ({ default: m.IdleDialog })));

/** What can be opened. */
export interface DiagnoseTools {
  /** Opens the Diagnose box, diagnosing `target` at once when given (`127.0.0.1:62893`, `:3000`, a URL). */
  diagnose(target?: string): void;
  /** Opens the Exposed view (the exposure audit). */
  exposed(): void;
  /** Opens the unused ports view (idle listeners and orphans). */
  idle(): void;
}

type Open = { kind: 'diagnose'; target: string | null; nonce: number } | { kind: 'exposed' } | { kind: 'idle' } | null;

const DiagnoseContext = createContext<DiagnoseTools | null>(null);

/** Provides the tools, renders their dialogs, and binds Ctrl+K to the Diagnose box. */
export function DiagnoseProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const tools = useMemo<DiagnoseTools>(
    () => ({
      diagnose: (target) => setOpen({ kind: 'diagnose', target: target ?? null, nonce: Date.now() }),
      exposed: () => setOpen({ kind: 'exposed' }),
      idle: () => setOpen({ kind: 'idle' }),
    }),
    [],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        tools.diagnose();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tools]);
  const close = () => setOpen(null);
  return (
    <DiagnoseContext value={tools}>
      {children}
      <Suspense fallback={null}>
        {open?.kind === 'diagnose' && <DiagnoseDialog key={open.nonce} initialTarget={open.target} onClose={close} />}
        {open?.kind === 'exposed' && <ExposedDialog onClose={close} />}
        {open?.kind === 'idle' && <IdleDialog onClose={close} />}
      </Suspense>
    </DiagnoseContext>
  );
}

/** The actions (Kill, Restart, copy) and, inside them, the diagnose tools whose next steps use them. */
export function ActionsAndDiagnoseProvider({ children }: { children: ReactNode }) {
  return (
    <ActionsProvider>
      <DiagnoseProvider>{children}</DiagnoseProvider>
    </ActionsProvider>
  );
}

/** The tools; null outside DiagnoseProvider (a panel rendered alone shows no Diagnose button). */
export function useDiagnoseTools(): DiagnoseTools | null {
  return useContext(DiagnoseContext);
}
