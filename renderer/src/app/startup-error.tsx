/** Shown instead of the app when no API could be reached at all. */
import { Icon } from '../ui/icons';

/** The startup failure page. */
export function StartupError({ message }: { message: string }) {
  return (
    <main className="startup-error" data-testid="startup-error">
      <Icon name="plug" size={32} />
      <h1>Cannot reach PortLens</h1>
      <p>{withCode(message)}</p>
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        Retry
      </button>
    </main>
  );
}

/** `text` with its backquoted parts (commands) set as code. */
function withCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}
