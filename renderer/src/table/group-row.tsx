/** A collapsible group header row (group by process or by port). */
import type { ReactNode } from 'react';
import type { GroupItem } from '../store/view-index';
import { Icon } from '../ui/icons';
import { itemKey } from './item-key';

/** Props of GroupRow. */
export interface GroupRowProps {
  index: number;
  start: number;
  selected: boolean;
  group: GroupItem;
  colCount: number;
  /** The group's summed traffic (group-traffic.tsx). */
  traffic?: ReactNode;
  onSelect: (key: string, scroll: boolean) => void;
  onToggle: (groupKey: string, expand?: boolean) => void;
}

/** The header of one group: chevron, label, detail, count. */
export function GroupRow({ index, start, selected, group, colCount, traffic, onSelect, onToggle }: GroupRowProps) {
  return (
    <div
      id={`pl-item-${index}`}
      className={`trow trow--group${selected ? ' is-selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-expanded={!group.collapsed}
      data-index={index}
      data-testid="group-row"
      data-group-key={group.key}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => {
        onSelect(itemKey(group), false);
        onToggle(group.key);
      }}
    >
      <div role="gridcell" aria-colspan={colCount} className="cell cell--group">
        <Icon
          name={group.collapsed ? 'chevron-right' : 'chevron-down'}
          size={14}
          className="group__chevron"
        />
        <span className="group__label">{group.label}</span>
        {group.detail && <span className="group__detail">{group.detail}</span>}
        {traffic}
        <span className="group__count" aria-label={`${group.count} sockets`}>
          {group.count}
        </span>
      </div>
    </div>
  );
}
