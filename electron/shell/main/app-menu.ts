/**
 * The application menu: the standard roles, so every platform gets its expected shortcuts
 * (copy/paste, reload, zoom, full screen, minimize, Cmd/Ctrl-Q). Find (Ctrl/Cmd+F and `/`) is
 * the renderer's own shortcut: no menu accelerator takes it away from the page.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template for `platform` (process.platform). */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  options: { devTools: boolean },
): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = options.devTools
    ? { role: 'viewMenu' }
    : {
        label: 'View',
        submenu: [
          { role: 'reload' },
          { type: 'separator' },
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    // fileMenu is Close (hides to the tray) on macOS and Quit elsewhere.
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: 'About PortLens' }] },
  ];
}
