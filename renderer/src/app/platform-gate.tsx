/**
 * The page of a PortLens that cannot monitor this OS yet. The backend says so through the
 * contract (every call and the stream answer one error with the code `unsupported`, and no
 * snapshot ever comes): the window then shows that, once and plainly, instead of a table that
 * stays loading under an error banner.
 */
import type { ReactNode } from 'react';
import type { LiveStore } from '../store/live-store';
import { Icon } from '../ui/icons';
import { useStoreStatus } from './app-context';

/** The stream's `unsupported` error while no snapshot has come, or null. */
export function unsupportedMessage(store: LiveStore): string | null {
  if (store.data.loaded) return null;
  return store.getStatus().errors.find((entry) => entry.error.code === 'unsupported')?.error.message ?? null;
}

/** Renders `children`, or the unsupported-platform page when the backend cannot monitor here. */
export function PlatformGate({ store, children }: { store: LiveStore; children: ReactNode }) {
  useStoreStatus(store);
  const message = unsupportedMessage(store);
  if (message === null) return children;
  return (
    <main className="startup-error" role="alert" data-testid="unsupported-platform">
      <Icon name="info" size={32} />
      <h1>Not available on this system yet</h1>
      <p>{message}</p>
      <p>Quit PortLens from its menu or the tray.</p>
    </main>
  );
}
