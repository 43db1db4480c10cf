// Where the Electron executable is, found without requiring the `electron` package (its
// index.js throws when path.txt is missing): `npm start` and the Electron e2e harness share it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron executable, resolved the way node_modules/electron/index.js does (path.txt, or
 * ELECTRON_OVERRIDE_DIST_PATH). Null when the package or its binary is not there.
 * @param {string} root  the directory whose package.json depends on electron
 * @returns {string | null}
 */
export function electronBinary(root) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, executable || 'electron')
    : executable
      ? join(packageDir, 'dist', executable)
      : null;
  return binary && existsSync(binary) ? binary : null;
}
