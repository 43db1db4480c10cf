/** The Electron side of the tray: a real Tray and Menu behind the TrayHost interface. */
import { Menu, Tray, type NativeImage } from 'electron';
import type { TrayFactory } from './tray.js';

/** A TrayFactory making an OS tray icon with `icon`. */
export function electronTrayFactory(icon: NativeImage): TrayFactory {
  return () => {
    const tray = new Tray(icon);
    return {
      // Linux applies menu changes only through a new setContextMenu call, so always build anew.
      setMenu: (template) => tray.setContextMenu(Menu.buildFromTemplate(template)),
      setToolTip: (text) => tray.setToolTip(text),
      onClick: (handler) => tray.on('click', handler),
      destroy: () => tray.destroy(),
    };
  };
}
