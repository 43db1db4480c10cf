/** Types of scripts/icon-containers.mjs. */
export declare function pngSize(png: Buffer): { width: number; height: number };
export declare function buildIco(pngs: Buffer[]): Buffer;
export declare const ICNS_TYPES: ReadonlyArray<readonly [type: string, pixels: number]>;
export declare function buildIcns(entries: ReadonlyArray<{ type: string; png: Buffer }>): Buffer;
export declare function readIco(ico: Buffer): Array<{ width: number; height: number; png: Buffer }>;
export declare function readIcns(icns: Buffer): Array<{ type: string; png: Buffer }>;
