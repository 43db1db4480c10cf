/** Notification rules: which opened ports to tell the user about, and how to say it. */
export { notificationFor, LISTED_PORTS } from './notification-for.js';
export { passesRules, type NotificationSettings } from './notification-rules.js';
export { collapseDualStack, type PortEntry } from './dual-stack.js';
export { endpoint, ownerName, exposure, commandLine } from './phrasing.js';
