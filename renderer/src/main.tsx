/**
 * Entry point. Electron's preload has already put the API on `window.portlens`; in a plain
 * browser (browser mode) the web transport connects to the server that served this page.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PortLensApi } from '../../electron/contract/api';
import { App } from './app/app';
import { ServicesContext, type Services } from './app/app-context';
import { StartupError } from './app/startup-error';
import { initialViewSettings } from './app/view-settings';
import { loadPrefs } from './filter/view-prefs';
import { LiveStore } from './store/live-store';
import { perfRecord } from './store/perf';
import { ErrorBoundary } from './ui/error-boundary';
import { ToastStore } from './ui/toast-store';
import './theme/theme.css';
import './theme/base.css';

async function resolveApi(): Promise<PortLensApi> {
  if (window.portlens) return window.portlens;
  const { connectWebTransport } = await import('./transport/web');
  const api = await connectWebTransport();
  window.portlens = api;
  return api;
}

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  perfRecord();
  let api: PortLensApi;
  try {
    api = await resolveApi();
  } catch (error) {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
    return;
  }
  const prefs = loadPrefs();
  const store = new LiveStore(api, initialViewSettings(prefs));
  const services: Services = { api, store, toasts: new ToastStore() };
  store.start();
  root.render(
    <StrictMode>
      <ErrorBoundary>
        <ServicesContext value={services}>
          <App initialPrefs={prefs} />
        </ServicesContext>
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();
