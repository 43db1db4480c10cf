/**
 * Which port events may notify: the user's rules from Settings.notifications. Pure, so the
 * backend (per delta) and tests apply exactly the same rules.
 */
import type { Settings } from '../../contract/api.js';
import type { PortEvent } from '../../contract/model.js';

/** The notification part of the user's settings. */
export type NotificationSettings = Settings['notifications'];

/** True when `event` is a port opening that the user's rules let through. */
export function passesRules(event: PortEvent, settings: NotificationSettings): boolean {
  if (event.type !== 'listen-opened') return false;
  if (settings.loopbackOnly && event.scope !== 'loopback') return false;
  if (settings.ignoredPorts.includes(event.localPort)) return false;
  const name = event.process?.name.trim().toLowerCase();
  // Names are matched exactly (case-insensitive): "node" must not silence "nodemon".
  if (name && settings.ignoredProcesses.some((ignored) => ignored.trim().toLowerCase() === name))
    return false;
  return true;
}
