/**
 * The app's icons as NativeImages. Files are read with fs (which reads inside app.asar) and
 * handed over as buffers: nativeImage.createFromPath cannot look inside the archive everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeImage, type NativeImage } from 'electron';

/** The icon at `size` px (build/icons/<size>x<size>.png), empty when the file is missing. */
export function iconImage(iconsDir: string, size: number): NativeImage {
  try {
    return nativeImage.createFromBuffer(readFileSync(join(iconsDir, `${size}x${size}.png`)));
  } catch {
    return nativeImage.createEmpty();
  }
}

/**
 * The tray icon for `platform`: 16 px with a 32 px @2x representation on macOS and Windows
 * (their trays are 16 pt), 24 px with a 48 px @2x one on Linux (StatusNotifier hosts scale it).
 */
export function trayImage(iconsDir: string, platform: NodeJS.Platform): NativeImage {
  const base = platform === 'linux' ? 24 : 16;
  const image = iconImage(iconsDir, base);
  try {
    image.addRepresentation({
      scaleFactor: 2,
      buffer: readFileSync(join(iconsDir, `${base * 2}x${base * 2}.png`)),
    });
  } catch {
    // The 1x image alone still works.
  }
  return image;
}
