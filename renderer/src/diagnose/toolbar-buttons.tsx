/** The toolbar's entries to the diagnose tools: Diagnose (Ctrl+K), Exposed and Unused ports. */
import { Icon, type IconName } from '../ui/icons';
import { useDiagnoseTools, type DiagnoseTools } from './diagnose-context';

const BUTTONS: { tool: keyof DiagnoseTools; icon: IconName; label: string; name: string; title: string; keys?: string }[] = [
  { tool: 'diagnose', icon: 'search', label: 'Diagnose', name: 'Diagnose', title: "Why can't I reach it? Diagnose an address:port or URL (Ctrl+K)", keys: 'Control+K' },
  { tool: 'exposed', icon: 'warning', label: 'Exposed', name: 'Exposed', title: 'Listeners the network can reach (exposure audit)' },
  { tool: 'idle', icon: 'plug', label: 'Unused', name: 'Unused ports', title: 'Unused ports: idle listeners and orphaned development servers' },
];

export function DiagnoseToolbarButtons() {
  const tools = useDiagnoseTools();
  if (!tools) return null;
  return (
    <div className="diagnose-tools" role="group" aria-label="Diagnose">
      {BUTTONS.map((b) => (
        <button
          key={b.tool}
          type="button"
          className={`button button--small${b.tool === 'diagnose' ? '' : ' diagnose-tools__secondary'}`}
          title={b.title}
          aria-label={b.name}
          aria-keyshortcuts={b.keys}
          onClick={() => tools[b.tool]()}
          data-testid={`open-${b.tool}`}
        >
          <Icon name={b.icon} size={14} /> <span className="diagnose-tools__label">{b.label}</span>
        </button>
      ))}
    </div>
  );
}
