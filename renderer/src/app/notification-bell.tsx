/** The bell: enable, mute or explain browser notifications for new ports. */
import { Icon } from '../ui/icons';
import type { NotificationControl } from './use-notifications';

export type { NotificationControl };

/** The bell button. */
export function NotificationBell({ control }: { control: NotificationControl }) {
  const { permission, muted } = control;
  if (permission === 'unsupported') return null;
  const on = permission === 'granted' && !muted;
  const label =
    permission === 'default'
      ? 'Enable notifications for new ports'
      : permission === 'denied'
        ? 'Notifications are blocked in this browser’s site settings'
        : muted
          ? 'Notifications muted: click to unmute'
          : 'Notifications on: click to mute';
  return (
    <button
      type="button"
      className={`icon-button bell${on ? ' is-on' : ''}`}
      aria-label={label}
      aria-pressed={permission === 'granted' ? on : undefined}
      title={label}
      disabled={permission === 'denied'}
      onClick={control.activate}
      data-testid="notification-bell"
    >
      <Icon name={permission === 'denied' || muted ? 'bell-off' : 'bell'} />
    </button>
  );
}
