/**
 * Catches a render error anywhere below it and shows what happened with a way back, instead
 * of a blank window. (Call failures never get here: they are Results, shown as toasts.)
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Icon } from './icons';

interface State {
  error: Error | null;
}

/** The boundary around the app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('PortLens view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="startup-error" role="alert" data-testid="view-error">
        <Icon name="warning" size={32} />
        <h1>The view hit an error</h1>
        <p className="mono">{error.message}</p>
        <div className="startup-error__buttons">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" className="button button--primary" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
