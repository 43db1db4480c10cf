/**
 * Native notifications for `notify` stream messages (core decided what and how to say it).
 * Shown from main, never from the renderer in Electron. Clicking one reveals its first row.
 * The OS notification is made by an injected factory so this runs in Node tests.
 */
import type { PortNotification, StreamMessage } from '../../contract/api.js';

/** One OS notification as the notifier uses it. */
export interface NotificationHandle {
  show(): void;
  onClick(handler: () => void): void;
  onClose(handler: () => void): void;
  /** Takes it off the screen (a newer notification of the same burst replaces it). */
  close(): void;
}

/** Makes an OS notification, or null where the platform has none. */
export type NotificationFactory = (notification: PortNotification) => NotificationHandle | null;

/** What the notifier needs from the shell. */
export interface PortNotifierDependencies {
  /** The tray's session-only pause. */
  isPaused(): boolean;
  /** Shows the window with this row selected. */
  revealRow(rowId: string): void;
}

/** Turns notify messages into OS notifications. */
export class PortNotifier {
  // Electron keeps only a weak reference to a main-process Notification: without ours, the
  // wrapper can be collected and its click never arrives (electron/electron#16922).
  private readonly live = new Set<NotificationHandle>();
  /** The notification on screen for each key: the next one with that key replaces it. */
  private readonly byKey = new Map<string, NotificationHandle>();
  private readonly shown: PortNotification[] = [];

  constructor(
    private readonly factory: NotificationFactory,
    private readonly deps: PortNotifierDependencies,
  ) {}

  /** Feeds one stream message; only `notify` ones matter. */
  accept(message: StreamMessage): void {
    if (message.type !== 'notify' || this.deps.isPaused()) return;
    const handle = this.factory(message.notification);
    if (!handle) return;
    const { key } = message.notification;
    const rowId = message.notification.rowIds[0];
    const forget = () => {
      this.live.delete(handle);
      if (this.byKey.get(key) === handle) this.byKey.delete(key);
    };
    const previous = this.byKey.get(key);
    if (previous) {
      this.live.delete(previous);
      previous.close();
    }
    this.live.add(handle);
    this.byKey.set(key, handle);
    handle.onClick(() => {
      forget();
      if (rowId !== undefined) this.deps.revealRow(rowId);
    });
    handle.onClose(forget);
    handle.show();
    this.shown.push(message.notification);
    if (this.shown.length > 20) this.shown.shift();
  }

  /** The last notifications shown, oldest first (e2e reads these: OS popups cannot be inspected). */
  recent(): readonly PortNotification[] {
    return this.shown;
  }

  /** How many notifications are held until clicked or closed. */
  get pending(): number {
    return this.live.size;
  }
}
