/**
 * Actions any component can start (panel buttons, the row menu): kill and restart open their
 * confirmation dialogs; copy and open-in-browser report through toasts. Errors never throw.
 */
import { createContext, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Target } from '@contract/api';
import type { SocketRow } from '@contract/model';
import { useServices } from '../app/app-context';
import { browserUrl } from '../table/format';
import { copyText } from '../ui/clipboard';
import { describeError } from './describe-result';
import { CloseConnectionDialog, KillDialog, RestartDialog } from '../app/lazy-parts';
import { safeCall } from './safe-call';
import './actions.css';

/** The actions. */
export interface Actions {
  /** Opens the kill confirmation for a target. */
  kill(target: Target): void;
  /** Opens the restart confirmation for a target. */
  restart(target: Target): void;
  /** Copies text; `what` names it in the toast ("pid", "command"). */
  copy(text: string, what: string): void;
  /** Opens the close-connection confirmation for a TCP connection's row. */
  closeConnection(row: SocketRow): void;
  /** Opens a listening TCP socket's loopback URL in the default browser. */
  openInBrowser(row: Pick<SocketRow, 'family' | 'localAddress' | 'localPort'>): void;
}

const ActionsContext = createContext<Actions | null>(null);

type OpenDialog = { kind: 'kill' | 'restart'; target: Target } | { kind: 'close-connection'; row: SocketRow } | null;

/** Provides the actions and renders their dialogs. */
export function ActionsProvider({ children }: { children: ReactNode }) {
  const { api, toasts } = useServices();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = useCallback(() => setDialog(null), []);

  const actions = useMemo<Actions>(
    () => ({
      kill: (target) => setDialog({ kind: 'kill', target }),
      restart: (target) => setDialog({ kind: 'restart', target }),
      closeConnection: (row) => setDialog({ kind: 'close-connection', row }),
      copy: (text, what) => {
        void copyText(text).then((ok) =>
          toasts.push(
            ok
              ? {
                  kind: 'success',
                  title: `Copied ${what}`,
                  body: text.length > 120 ? `${text.slice(0, 120)}…` : text,
                  timeoutMs: 2500,
                }
              : {
                  kind: 'error',
                  title: `Could not copy ${what}`,
                  body: 'The clipboard is not available here.',
                },
          ),
        );
      },
      openInBrowser: (row) => {
        const url = browserUrl(row);
        void safeCall(() => api.openExternal({ url })).then((result) => {
          if (!result.ok) toasts.push(describeError(`Opening ${url}`, result.error));
        });
      },
    }),
    [api, toasts],
  );

  return (
    <ActionsContext value={actions}>
      {children}
      <Suspense fallback={null}>
        {dialog?.kind === 'kill' && <KillDialog target={dialog.target} onClose={close} />}
        {dialog?.kind === 'restart' && <RestartDialog target={dialog.target} onClose={close} />}
        {dialog?.kind === 'close-connection' && <CloseConnectionDialog row={dialog.row} onClose={close} />}
      </Suspense>
    </ActionsContext>
  );
}

/** The actions; throws outside ActionsProvider. */
export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside ActionsProvider');
  return actions;
}
