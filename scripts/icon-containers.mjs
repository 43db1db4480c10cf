// Icon containers written by hand (no dependency): Windows .ico and macOS .icns, both holding
// PNG-compressed images, which every supported OS version reads (Windows Vista+, macOS 10.7+).

/**
 * The width and height in a PNG's IHDR chunk. Throws when `png` is not a PNG.
 * @param {Buffer} png
 * @returns {{ width: number; height: number }}
 */
export function pngSize(png) {
  const signature = '89504e470d0a1a0a';
  if (
    png.length < 24 ||
    png.subarray(0, 8).toString('hex') !== signature ||
    png.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG image');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * A .ico file: ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the PNG data.
 * Sizes up to 256 px; 256 is stored as 0 in the one-byte width and height fields.
 * @param {readonly Buffer[]} pngs
 * @returns {Buffer}
 */
export function buildIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, index) => {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256)
      throw new Error(`an .ico image is at most 256 px, not ${width}x${height}`);
    const entry = 6 + 16 * index;
    header.writeUInt8(width === 256 ? 0 : width, entry);
    header.writeUInt8(height === 256 ? 0 : height, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}

/**
 * ICNS PNG element types by pixel size (ic11–ic14 are the `@2x` variants of 16–256 pt).
 * @type {ReadonlyArray<readonly [type: string, pixels: number]>}
 */
export const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/**
 * A .icns file: 'icns' and the total length (big-endian), then one element per entry: its
 * four-character type, its length including that 8-byte header, and the PNG data.
 * @param {ReadonlyArray<{ type: string; png: Buffer }>} entries
 * @returns {Buffer}
 */
export function buildIcns(entries) {
  const elements = entries.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`bad ICNS type ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

/**
 * The images of an .ico file (reader for tests and checks).
 * @param {Buffer} ico
 * @returns {{ width: number; height: number; png: Buffer }[]}
 */
export function readIco(ico) {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return {
      width: ico.readUInt8(entry) || 256,
      height: ico.readUInt8(entry + 1) || 256,
      png: ico.subarray(offset, offset + size),
    };
  });
}

/**
 * The elements of an .icns file (reader for tests and checks).
 * @param {Buffer} icns
 * @returns {{ type: string; png: Buffer }[]}
 */
export function readIcns(icns) {
  if (icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length)
    throw new Error('not an .icns file');
  /** @type {{ type: string; png: Buffer }[]} */
  const elements = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > icns.length) throw new Error('truncated .icns element');
    elements.push({ type: icns.toString('ascii', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}
