/** The quick-filter box: free text and tokens, with inline problems and a syntax hint. */
import type { KeyboardEvent, Ref } from 'react';
import { IconButton } from '../ui/icon-button';
import { Icon } from '../ui/icons';
import type { FilterIssue } from './parse-filter';

/** Props of FilterInput. */
export interface FilterInputProps {
  ref?: Ref<HTMLInputElement>;
  value: string;
  issues: readonly FilterIssue[];
  onChange: (value: string) => void;
  /** Enter or ArrowDown: go to the table. */
  onLeave: () => void;
}

const HINT = 'Filter: text  :3000  :8000-8100  pid:123  proc:node  state:listen  user:root  -exclude';

/** The input. */
export function FilterInput({ ref, value, issues, onChange, onLeave }: FilterInputProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      if (value) onChange('');
      else onLeave();
    } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      onLeave();
    }
  };
  const problem = issues[0];
  return (
    <div className={`filter${issues.length ? ' filter--invalid' : ''}`}>
      <Icon name="search" size={14} className="filter__icon" />
      <input
        ref={ref}
        type="search"
        className="filter__input mono"
        placeholder={HINT}
        aria-label="Filter sockets"
        aria-invalid={issues.length > 0}
        aria-describedby={problem ? 'filter-problem' : undefined}
        title={`${HINT}\nPress / to focus, Esc to clear`}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="filter-input"
      />
      {problem && (
        <span
          id="filter-problem"
          className="filter__problem"
          role="status"
          data-testid="filter-problem"
          title={problem.message}
        >
          <Icon name="warning" size={12} />
          <span className="filter__problem-text">
            {problem.token}: {problem.message}
          </span>
        </span>
      )}
      {value && (
        <IconButton
          icon="close"
          small
          label="Clear filter"
          onClick={() => onChange('')}
          testId="filter-clear"
        />
      )}
      <kbd className="filter__kbd" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
