/** The toolbar's entries to the diagnose tools: Diagnose (Ctrl+K), Exposed and Unused ports. */
import { useDiagnoseTools } from './diagnose-context';
import { Icon } from '../ui/icons';

export function DiagnoseToolbarButtons() {
  const tools = useDiagnoseTools();
  if (!tools) return null;
  return (
    <div className="diagnose-tools" role="group" aria-label="Diagnose">
      <button
        type="button"
        className="button button--small"
        title="Why can't I reach it? Diagnose an address:port or URL (Ctrl+K)"
        aria-keyshortcuts="Control+K"
        aria-label="Diagnose"
        onClick={() => tools.diagnose()}
        data-testid="open-diagnose"
      >
        <Icon name="search" size={14} /> <span className="diagnose-tools__label">Diagnose</span>
      </button>
      <button
        type="button"
        className="button button--small"
        title="Listeners the network can reach (exposure audit)"
        aria-label="Exposed"
        onClick={() => tools.exposed()}
        data-testid="open-exposed"
      >
        <Icon name="warning" size={14} /> <span className="diagnose-tools__label">Exposed</span>
      </button>
      <button
        type="button"
        className="button button--small"
        title="Unused ports: idle listeners and orphaned development servers"
        aria-label="Unused ports"
        onClick={() => tools.idle()}
        data-testid="open-idle"
      >
        <Icon name="plug" size={14} /> <span className="diagnose-tools__label">Unused</span>
      </button>
    </div>
  );
}
