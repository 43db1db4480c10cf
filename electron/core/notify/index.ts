/** Notification rules: which opened ports to tell the user about, and how to say it. */
export { notificationFor, ownerKey, LISTED_PORTS } from './notification-for.js';
export { NotificationBatcher, SETTLE_MS, BURST_MS, MAX_OWNERS, type BatcherOptions } from './notification-batcher.js';
export { passesRules, type NotificationSettings } from './notification-rules.js';
export { collapseDualStack, type PortEntry } from './dual-stack.js';
export { endpoint, ownerName, exposure, commandLine } from './phrasing.js';
