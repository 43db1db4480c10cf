/** A button that shows only an icon; its label is for assistive technology (and the tooltip). */
import { Icon, type IconName } from './icons';

/** Props of IconButton. */
export interface IconButtonProps {
  icon: IconName;
  /** The accessible name. */
  label: string;
  title?: string;
  /** The compact variant (14px icon), used inside banners, toasts and fields. */
  small?: boolean;
  testId?: string;
  onClick: () => void;
}

/** The button. */
export function IconButton({ icon, label, title, small, testId, onClick }: IconButtonProps) {
  return (
    <button
      type="button"
      className={small ? 'icon-button icon-button--small' : 'icon-button'}
      aria-label={label}
      title={title}
      onClick={onClick}
      data-testid={testId}
    >
      <Icon name={icon} size={small ? 14 : undefined} />
    </button>
  );
}
