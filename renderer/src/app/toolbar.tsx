/** The toolbar: filter, toggles, grouping, and the notification bell in browser mode. */
import type { ReactNode, RefObject } from 'react';
import { FilterInput } from '../filter/filter-input';
import type { FilterToggles } from '../filter/match-row';
import type { FilterIssue } from '../filter/parse-filter';
import type { GroupBy } from '../store/view-index';
import { IconButton } from '../ui/icon-button';
import { NotificationBell, type NotificationControl } from './notification-bell';
import { ToastHistoryButton } from './toast-history';

/** Props of Toolbar. */
export interface ToolbarProps {
  filterRef: RefObject<HTMLInputElement | null>;
  filterText: string;
  issues: readonly FilterIssue[];
  toggles: FilterToggles;
  groupBy: GroupBy;
  notifications: NotificationControl | null;
  onFilterChange: (text: string) => void;
  onFilterLeave: () => void;
  onTogglesChange: (toggles: FilterToggles) => void;
  onGroupByChange: (groupBy: GroupBy) => void;
  onOpenSettings: () => void;
  /** Extra tools shown before Settings (the Diagnose and Exposed buttons). */
  tools?: ReactNode;
}

const TOGGLES: { key: keyof FilterToggles; label: string; title: string }[] = [
  { key: 'listeningOnly', label: 'Listening', title: 'Only listening TCP sockets and bound UDP sockets' },
  { key: 'tcp', label: 'TCP', title: 'Show TCP sockets' },
  { key: 'udp', label: 'UDP', title: 'Show UDP sockets' },
  { key: 'ipv4', label: 'IPv4', title: 'Show IPv4 sockets' },
  { key: 'ipv6', label: 'IPv6', title: 'Show IPv6 sockets' },
];

/** The toolbar. */
export function Toolbar({
  filterRef,
  filterText,
  issues,
  toggles,
  groupBy,
  notifications,
  onFilterChange,
  onFilterLeave,
  onTogglesChange,
  onGroupByChange,
  onOpenSettings,
  tools,
}: ToolbarProps) {
  return (
    // A banner landmark, not role=toolbar: its controls are reached with Tab, not arrow keys.
    <header className="toolbar" aria-label="PortLens">
      <div className="brand">
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" className="brand__mark">
          <circle cx="10.5" cy="10.5" r="7" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <path d="m15.5 15.5 6 6" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="10.5" cy="10.5" r="2.2" fill="currentColor" />
        </svg>
        <h1 className="brand__name">PortLens</h1>
      </div>
      <FilterInput
        ref={filterRef}
        value={filterText}
        issues={issues}
        onChange={onFilterChange}
        onLeave={onFilterLeave}
      />
      <div className="segmented" role="group" aria-label="Show">
        {TOGGLES.map(({ key, label, title }) => (
          <button
            key={key}
            type="button"
            className={`toggle${key === 'listeningOnly' ? ' toggle--wide' : ''}`}
            aria-pressed={toggles[key]}
            title={title}
            onClick={() => onTogglesChange({ ...toggles, [key]: !toggles[key] })}
            data-testid={`toggle-${key}`}
          >
            {label}
          </button>
        ))}
      </div>
      <label className="select-label">
        <span>Group</span>
        <select
          value={groupBy}
          onChange={(event) => onGroupByChange(event.target.value as GroupBy)}
          data-testid="group-by"
        >
          <option value="none">None</option>
          <option value="process">By process</option>
          <option value="port">By port</option>
        </select>
      </label>
      {tools}
      {notifications && <NotificationBell control={notifications} />}
      <ToastHistoryButton />
      <IconButton
        icon="settings"
        label="Settings"
        title="Settings: notifications, refresh interval, kill timeout"
        onClick={onOpenSettings}
        testId="open-settings"
      />
    </header>
  );
}
