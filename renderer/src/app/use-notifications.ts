/**
 * Port notifications in browser mode. (Electron shows them natively from main.) A `notify`
 * stream message becomes a system notification when the user allowed them, else a toast;
 * either one reveals the row when clicked. Permission is only asked from the bell's click.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Services } from './app-context';

const MUTE_KEY = 'portlens.notifications.muted';

/** What the bell needs. */
export interface NotificationControl {
  permission: NotificationPermission | 'unsupported';
  muted: boolean;
  /** Asks for permission (must run in a click handler), or toggles mute once granted. */
  activate: () => void;
}

function currentPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Handles notify messages; returns the bell's control in browser mode, null in Electron. */
export function useNotifications(
  { api, store, toasts }: Services,
  reveal: (rowId: string) => void,
): NotificationControl | null {
  const web = api.transport === 'web';
  const [permission, setPermission] = useState(currentPermission);
  const [muted, setMuted] = useState(readMuted);
  const revealRef = useRef(reveal);
  useEffect(() => {
    revealRef.current = reveal;
  });

  useEffect(() => {
    if (!web) return;
    return store.onEvent((event) => {
      if (event.type !== 'notify') return;
      const { title, body, rowIds, key } = event.notification;
      const show = () => revealRef.current(rowIds[0]!);
      if (currentPermission() === 'granted' && !readMuted()) {
        // The same tag replaces the earlier notification of this burst.
        const note = new Notification(title, { body, tag: `portlens-${key}` });
        note.onclick = () => {
          window.focus();
          show();
          note.close();
        };
      } else if (!readMuted()) {
        toasts.push({ kind: 'info', title, body, key: `notify:${key}`, action: { label: 'Show', run: show } });
      }
    });
  }, [web, store, toasts]);

  const activate = useCallback(() => {
    const now = currentPermission();
    if (now === 'default') {
      void Notification.requestPermission().then(setPermission, () => setPermission(currentPermission()));
      return;
    }
    setPermission(now);
    if (now === 'granted') {
      setMuted((was) => {
        try {
          localStorage.setItem(MUTE_KEY, was ? '0' : '1');
        } catch {
          // Not remembered across sessions; still applies now.
        }
        return !was;
      });
    }
  }, []);

  return web ? { permission, muted, activate } : null;
}
