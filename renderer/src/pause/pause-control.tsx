/**
 * The toolbar's Pause/Resume button with the count of changes held while paused, the `Space`
 * key (when focus is not somewhere Space already means something), and the announcement.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useServices } from '../app/app-context';
import type { LiveStore } from '../store/live-store';
import { describeHeld } from './pause-gate';
import './pause.css';

/** Space means something in fields, buttons, links and the grid (which handles its own keys). */
function spaceIsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target.closest(
      'input, textarea, select, button, a[href], summary, [role="grid"], [role="menu"], [role="listbox"], [data-testid="socket-table"]',
    ) !== null
  );
}

/** Toggles the pause. */
export function togglePause(store: LiveStore): void {
  if (store.pauseGate.paused) store.resume();
  else store.pause();
}

function usePauseKey(store: LiveStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (spaceIsTaken(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      togglePause(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

/** The button and, while paused, the counter; both announced. */
export function PauseControl() {
  const { store } = useServices();
  const counts = useSyncExternalStore(store.pauseGate.subscribe, store.pauseGate.getCounts);
  usePauseKey(store);
  const held = describeHeld(counts);
  return (
    <div className="pause-control" role="group" aria-label="Live updates">
      <button
        type="button"
        className={`button button--small${counts.paused ? ' pause-control--paused' : ''}`}
        data-paused={counts.paused}
        aria-keyshortcuts="Space"
        title={
          counts.paused
            ? 'Resume live updates and apply what changed (Space)'
            : 'Pause: freeze the table while the machine churns (Space)'
        }
        onClick={() => togglePause(store)}
        data-testid="pause-toggle"
      >
        <span aria-hidden="true" className="pause-control__glyph">
          {counts.paused ? '▶' : '❚❚'}
        </span>{' '}
        {counts.paused ? 'Resume' : 'Pause'}
      </button>
      <span role="status" aria-live="polite" className="pause-control__count" data-testid="pause-count">
        {counts.paused ? (
          `Paused: ${held} waiting`
        ) : counts.resumed ? (
          // Announced, not shown: the button already says Pause again.

          <span className="visually-hidden">Live updates resumed</span>
        ) : null}
      </span>
    </div>
  );
}
