/**
 * The toolbar's entries to the #14 views: Processes (traffic per process) and Timeline (the
 * history). Each view is a dialog loaded on first use, like the Diagnose tools.
 */
import { lazy, Suspense, useState } from 'react';
import { Icon, type IconName } from '../ui/icons';

const ProcessesDialog = lazy(() =>
  import('./processes-dialog').then((m) => ({ default: m.ProcessesDialog })),
);
const TimelineDialog = lazy(() => import('./timeline-dialog').then((m) => ({ default: m.TimelineDialog })));

type View = 'processes' | 'timeline';

const BUTTONS: { view: View; icon: IconName; label: string; title: string }[] = [
  {
    view: 'processes',
    icon: 'arrow-up',
    label: 'Processes',
    title: 'Processes by current traffic, with their recent rates',
  },
  {
    view: 'timeline',
    icon: 'logs',
    label: 'Timeline',
    title: 'Timeline: what was on a port, and when (the history)',
  },
];

/** The buttons and the open view; `onFilter` sets the table's filter (a view's "Show sockets"). */
export function ViewsToolbarButtons({ onFilter }: { onFilter: (text: string) => void }) {
  const [open, setOpen] = useState<View | null>(null);
  const close = () => setOpen(null);
  return (
    <div className="diagnose-tools" role="group" aria-label="Views">
      {BUTTONS.map((b) => (
        <button
          key={b.view}
          type="button"
          className="button button--small"
          title={b.title}
          aria-label={b.label}
          onClick={() => setOpen(b.view)}
          data-testid={`open-${b.view}`}
        >
          <Icon name={b.icon} size={14} /> <span className="diagnose-tools__label">{b.label}</span>
        </button>
      ))}
      <Suspense fallback={null}>
        {open === 'processes' && (
          <ProcessesDialog
            onClose={close}
            onShowSockets={(token) => {
              close();
              onFilter(token);
            }}
          />
        )}
        {open === 'timeline' && <TimelineDialog onClose={close} />}
      </Suspense>
    </div>
  );
}
