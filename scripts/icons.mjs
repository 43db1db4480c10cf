#!/usr/bin/env node
/// <reference lib="dom" />
// Rasterizes build/icon.svg — the one icon source — into every file packaging needs:
//   build/icons/<N>x<N>.png  (16…1024: Linux icon set, tray, window, notifications)
//   build/icon.ico (16–256, PNG entries), build/icon.icns (PNG entries)
//   build/icons/trayTemplate.png, trayTemplate@2x.png  (macOS menu bar, from build/tray-template.svg)
// (No build/icon.png: electron-builder.yml names each platform's icon, and the 1024 px PNG is
// build/icons/1024x1024.png.)
// It screenshots the SVG in Chromium (the one scripts/lib/find-chromium.mjs finds) at each size
// with a transparent background, so small sizes are rendered from the vector, not scaled down
// from a big bitmap. The outputs are committed; run this again after editing the SVG:
// `node scripts/icons.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildIcns, buildIco, ICNS_TYPES, pngSize } from './icon-containers.mjs';
import { describeChromium, findChromium } from './lib/find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildDir = join(root, 'build');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const found = findChromium();
if ('skip' in found) {
  process.stderr.write(`icons: ${describeChromium(found)}\n`);
  process.exit(1);
}

const svg = readFileSync(join(buildDir, 'icon.svg'));
const traySvg = readFileSync(join(buildDir, 'tray-template.svg'));
const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, env: found.env });
/** @type {Map<number, Buffer>} */
const pngs = new Map();
/** @type {Map<number, Buffer>} */
const trayPngs = new Map();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) pngs.set(size, await render(page, svg, size));
  // 16 pt in the menu bar, with its @2x twin for Retina screens.
  for (const size of [16, 32]) trayPngs.set(size, await render(page, traySvg, size));
} finally {
  await browser.close();
}

/**
 * `svgSource` rendered at `size` px on a transparent background.
 * @param {import('playwright-core').Page} page
 * @param {Buffer} svgSource
 * @param {number} size
 */
async function render(page, svgSource, size) {
  const source = `data:image/svg+xml;base64,${svgSource.toString('base64')}`;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<img id="icon" src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('#icon').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size)
    throw new Error(`rendered ${actual.width}x${actual.height} for ${size}`);
  return png;
}

/** @param {number} size */
const at = (size) => {
  const png = pngs.get(size);
  if (!png) throw new Error(`no ${size} px rendering`);
  return png;
};
mkdirSync(join(buildDir, 'icons'), { recursive: true });
for (const size of SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), at(size));
writeFileSync(join(buildDir, 'icons', 'trayTemplate.png'), /** @type {Buffer} */ (trayPngs.get(16)));
writeFileSync(join(buildDir, 'icons', 'trayTemplate@2x.png'), /** @type {Buffer} */ (trayPngs.get(32)));
writeFileSync(join(buildDir, 'icon.ico'), buildIco(ICO_SIZES.map(at)));
writeFileSync(
  join(buildDir, 'icon.icns'),
  buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: at(size) }))),
);
process.stdout.write(
  `icons: ${SIZES.length} PNG sizes, icon.ico (${ICO_SIZES.length} images), icon.icns (${ICNS_TYPES.length} elements) in build/\n`,
);
