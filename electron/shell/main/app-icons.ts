/**
 * The app's icons as NativeImages. Files are read with fs (which reads inside app.asar) and
 * handed over as buffers: nativeImage.createFromPath cannot look inside the archive everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeImage, type NativeImage } from 'electron';
import { trayIconFiles } from './app-paths.js';

/** The icon at `size` px (build/icons/<size>x<size>.png), empty when the file is missing. */
export function iconImage(iconsDir: string, size: number): NativeImage {
  return imageFrom(join(iconsDir, `${size}x${size}.png`));
}

/**
 * The tray icon for `platform`: on macOS the template image (black and alpha, which the menu bar
 * tints for light, dark and highlighted), 16 pt; 16 px on Windows; 24 px on Linux
 * (StatusNotifier hosts scale it). Each with its @2x representation.
 */
export function trayImage(iconsDir: string, platform: NodeJS.Platform): NativeImage {
  const [file, file2x] = trayIconFiles(platform);
  const image = imageFrom(join(iconsDir, file));
  try {
    image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(join(iconsDir, file2x)) });
  } catch {
    // The 1x image alone still works.
  }
  if (platform === 'darwin') image.setTemplateImage(true);
  return image;
}

function imageFrom(file: string): NativeImage {
  try {
    return nativeImage.createFromBuffer(readFileSync(file));
  } catch {
    return nativeImage.createEmpty();
  }
}
