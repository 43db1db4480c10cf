/**
 * Starts the app: the API (Electron's, or the web transport on the socket main.tsx opened),
 * the live store, and the React tree.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PortLensApi } from '@contract/api';
import { App } from './app/app';
import { ServicesContext, type Services } from './app/app-context';
import { PlatformGate } from './app/platform-gate';
import { StartupError } from './app/startup-error';
import { initialViewSettings } from './app/view-settings';
import { parsePrefs } from './filter/view-prefs';
import { LiveStore } from './store/live-store';
import { perfRecord } from './store/perf';
import type { EarlySocket } from './transport/early-socket';
import { NO_TOKEN_MESSAGE } from './transport/page-token';
import { connectWebTransport } from './transport/web';
import { ErrorBoundary } from './ui/error-boundary';
import { ToastStore } from './ui/toast-store';
import './theme/theme.css';
import './theme/base.css';

/**
 * How long the app waits for the first snapshot before it renders without it. A snapshot of a
 * few hundred sockets is usually just behind the code (whose loading kept the page too busy to
 * read it): waiting for it renders the window once, with data, instead of twice. A big one
 * takes longer to arrive; the window then renders its loading state meanwhile.
 */
const SNAPSHOT_WAIT_MS = 400;

async function resolveApi(early: EarlySocket | null): Promise<PortLensApi> {
  if (window.portlens) return window.portlens;
  // Browser mode opened without its token: say how to get in, without trying.
  if (!early) throw new Error(NO_TOKEN_MESSAGE);
  await Promise.race([early.settled, new Promise((resolve) => setTimeout(resolve, SNAPSHOT_WAIT_MS))]);
  const api = await connectWebTransport({ early, token: early.token });
  window.portlens = api;
  return api;
}

/**
 * Renders the app into #root; `early` is browser mode's socket and `storedPrefs` the stored view
 * preferences, both read by the entry module.
 */
export async function boot(early: EarlySocket | null, storedPrefs: string | null): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  perfRecord();
  let api: PortLensApi;
  try {
    api = await resolveApi(early);
  } catch (error) {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
    return;
  }
  const prefs = parsePrefs(storedPrefs);
  const store = new LiveStore(api, initialViewSettings(prefs));
  const services: Services = { api, store, toasts: new ToastStore() };
  store.start();
  // A snapshot that arrived while this code loaded is in the store now: show it in the first
  // render rather than one frame and a second render later.
  store.flushNow();
  root.render(
    <StrictMode>
      <ErrorBoundary>
        <ServicesContext value={services}>
          <PlatformGate store={store}>
            <App initialPrefs={prefs} />
          </PlatformGate>
        </ServicesContext>
      </ErrorBoundary>
    </StrictMode>,
  );
}
