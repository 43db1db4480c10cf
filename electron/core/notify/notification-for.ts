/**
 * One tick's port events → at most one notification. Several ports opening at once (a dev
 * server with its HMR port, a compose stack) make one notification, not a burst.
 */
import type { PortNotification } from '../../contract/api.js';
import type { PortEvent } from '../../contract/model.js';
import { collapseDualStack, type PortEntry } from './dual-stack.js';
import { passesRules, type NotificationSettings } from './notification-rules.js';
import { commandLine, endpoint, exposure, ownerName } from './phrasing.js';

/** How many ports a multi-port notification lists before "and N more". */
export const LISTED_PORTS = 5;

/**
 * The notification for one tick's `events` under the user's `settings`, or null when nothing
 * should be shown (notifications off, `paused` for this session, or no event passes the rules).
 */
export function notificationFor(
  events: readonly PortEvent[],
  settings: NotificationSettings,
  paused: boolean,
): PortNotification | null {
  if (!settings.enabled || paused) return null;
  const entries = collapseDualStack(events.filter((event) => passesRules(event, settings)));
  const first = entries[0];
  if (!first) return null;
  const text = entries.length === 1 ? single(first) : several(entries);
  return {
    ...text,
    key: notificationKey(entries.map(({ primary }) => primary)),
    rowIds: entries.flatMap(({ primary, twin }) => (twin ? [primary.rowId, twin.rowId] : [primary.rowId])),
    time: Math.max(
      ...entries.flatMap(({ primary, twin }) => (twin ? [primary.time, twin.time] : [primary.time])),
    ),
  };
}

/** The owner a port event belongs to, as a key: `pid:123`, or `unknown` when hidden. */
export function ownerKey(event: PortEvent): string {
  const pid = event.process?.pid ?? event.pids[0];
  return pid === undefined ? 'unknown' : `pid:${pid}`;
}

/** One owner's key, or `several` for ports of several owners. */
function notificationKey(events: readonly PortEvent[]): string {
  const keys = new Set(events.map(ownerKey));
  return keys.size === 1 ? [...keys][0]! : 'several';
}

function single({ primary, twin }: PortEntry): Pick<PortNotification, 'title' | 'body'> {
  const owner = ownerName(primary);
  const title = `${owner ?? 'An unknown process'} opened ${endpoint(primary)}`;
  const lines = [
    commandLine(primary) ?? (owner ? null : 'PortLens cannot see which process owns it.'),
    twin ? `Also ${endpoint(twin)}.` : null,
    exposure(primary),
  ];
  return { title, body: lines.filter((line) => line !== null).join('\n') };
}

function several(entries: readonly PortEntry[]): Pick<PortNotification, 'title' | 'body'> {
  const owners = new Set(entries.map(({ primary }) => ownerName(primary)));
  const [onlyOwner] = owners;
  // One known owner: name it once in the title and list just the addresses.
  const sameOwner = owners.size === 1 && onlyOwner !== null && onlyOwner !== undefined;
  const title = sameOwner ? `${onlyOwner} opened ${entries.length} ports` : `${entries.length} ports opened`;
  const items = entries.slice(0, LISTED_PORTS).map(({ primary }) => {
    const where = endpoint(primary);
    return sameOwner ? where : `${ownerName(primary) ?? 'unknown process'} ${where}`;
  });
  const more = entries.length - LISTED_PORTS;
  return { title, body: more > 0 ? `${items.join(', ')} and ${more} more` : items.join(', ') };
}
