/** A process's ancestry as a breadcrumb, oldest first; each ancestor opens in the panel. */
import type { ProcessInfo } from '@contract/model';

/** Props of ParentChain. */
export interface ParentChainProps {
  /** Parent first, up to pid 1 (as ProcessDetail gives them). */
  parents: readonly ProcessInfo[];
  process: ProcessInfo;
  onOpenProcess: (pid: number) => void;
}

/** The breadcrumb. */
export function ParentChain({ parents, process, onOpenProcess }: ParentChainProps) {
  const chain = [...parents].reverse();
  return (
    <ol className="parent-chain" aria-label="Parent processes" data-testid="parent-chain">
      {chain.map((parent) => (
        <li key={parent.pid}>
          <button
            type="button"
            className="link-button"
            onClick={() => onOpenProcess(parent.pid)}
            title={parent.argv.join(' ')}
          >
            {parent.name} <span className="mono dim">{parent.pid}</span>
          </button>
          <span className="parent-chain__sep" aria-hidden="true">
            ›
          </span>
        </li>
      ))}
      <li aria-current="true">
        <strong>{process.name}</strong> <span className="mono dim">{process.pid}</span>
      </li>
    </ol>
  );
}
