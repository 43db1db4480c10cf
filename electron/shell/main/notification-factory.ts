/** The Electron side of notifications: a main-process `Notification` behind NotificationHandle. */
import { Notification, type NativeImage } from 'electron';
import type { NotificationFactory } from './port-notifier.js';

/** A NotificationFactory using Electron's Notification (null where the OS has none). */
export function electronNotificationFactory(icon: NativeImage | undefined): NotificationFactory {
  return (notification) => {
    if (!Notification.isSupported()) return null;
    const native = new Notification({
      title: notification.title,
      body: notification.body,
      icon,
      silent: false,
    });
    return {
      show: () => native.show(),
      onClick: (handler) => native.on('click', handler),
      onClose: (handler) => native.on('close', handler),
      close: () => native.close(),
    };
  };
}
