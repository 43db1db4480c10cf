// Finds a Chromium to drive with Playwright (the web e2e, the icon test, icons.mjs, measure-app),
// first that runs (`--version`) in this order:
//   1. $PORTLENS_CHROMIUM: the caller's choice; if it does not run, that is an error, not a skip
//   2. the system's: chromium, chromium-browser, google-chrome(-stable) on PATH, the macOS apps
//   3. Playwright's own, if `npx playwright install chromium` put it there (never downloaded here)
//   4. @sparticuz/chromium, a devDependency whose package holds a headless Chromium (Linux x64),
//      so `npm ci` alone brings a browser: unpacked once into node_modules/.cache
// Where none can be had (another OS or CPU, `npm ci --omit=dev`) it says why, for a skip.
// Synchronous, for playwright.config.ts: @sparticuz's unpacking is async, so a child does it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findTool } from './system-tools.mjs';

/**
 * A Chromium that runs here, with what to launch it with.
 * @typedef {object} FoundChromium
 * @property {string} executablePath
 * @property {string[]} args
 * @property {Record<string, string> | undefined} env The whole environment to launch it in, or undefined to inherit this process's.
 * @property {string} source Where it came from: `$PORTLENS_CHROMIUM`, `the system`, `Playwright's browsers`, `@sparticuz/chromium <version>`.
 * @property {string} version
 */

/**
 * Why no Chromium can be had here.
 * @typedef {{ skip: string }} NoChromium
 */

/** The environment variable naming a Chromium executable to use. */
export const CHROMIUM_ENV = 'PORTLENS_CHROMIUM';
/** What to run where no browser could be found. */
export const INSTALL_HINT = 'npx playwright install chromium';
/** Flags for every launch: no OS sandbox (CI runs as root), no GPU, no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** @type {FoundChromium | NoChromium | undefined} */
let found;
/**
 * The Chromium to launch, or `{ skip }` saying why there is none. Looked up once per process;
 * throws if $PORTLENS_CHROMIUM is set and does not run.
 * @returns {FoundChromium | NoChromium}
 */
export function findChromium() {
  found ??= search();
  return found;
}

/**
 * The one-line description of a search's outcome, for logs and skip messages.
 * @param {FoundChromium | NoChromium} result
 * @returns {string}
 */
export function describeChromium(result) {
  return 'skip' in result
    ? `no Chromium for the browser tests: ${result.skip}. To run them: ${INSTALL_HINT} (or set ${CHROMIUM_ENV})`
    : `Chromium ${result.version} from ${result.source}: ${result.executablePath}`;
}

/** @returns {FoundChromium | NoChromium} */
function search() {
  const explicit = process.env[CHROMIUM_ENV];
  if (explicit) {
    const why = probe(explicit);
    if (typeof why === 'string') throw new Error(`${CHROMIUM_ENV}=${explicit} does not run: ${why}`);
    return launchable(explicit, `$${CHROMIUM_ENV}`, why);
  }
  /** @type {string[]} */
  const tried = [];
  for (const path of systemCandidates()) {
    const version = probe(path);
    if (typeof version !== 'string') return launchable(path, 'the system', version);
    tried.push(`${path}: ${version}`);
  }
  const playwright = playwrightChromium();
  if (playwright) {
    const version = probe(playwright);
    if (typeof version !== 'string') return launchable(playwright, "Playwright's browsers", version);
    tried.push(`${playwright}: ${version}`);
  }
  const packaged = sparticuzChromium();
  if ('skip' in packaged) return { skip: [...tried, packaged.skip].join('; ') };
  const version = probe(packaged.executablePath, packaged.env);
  if (typeof version === 'string')
    return { skip: [...tried, `${packaged.executablePath}: ${version}`].join('; ') };
  return {
    ...launchable(packaged.executablePath, packaged.source, version),
    env: { ...inherited(), ...packaged.env },
  };
}

/**
 * A found browser: `version` is probe()'s answer.
 * @param {string} executablePath
 * @param {string} source
 * @param {{ version: string }} version
 * @returns {FoundChromium}
 */
const launchable = (executablePath, source, version) => ({
  executablePath,
  args: CHROMIUM_ARGS,
  env: undefined,
  source,
  version: version.version,
});

/**
 * `{ version }` when `path --version` runs, else why not (missing, not executable, a library...).
 * @param {string} path
 * @param {Record<string, string>} [extraEnv]
 * @returns {string | { version: string }}
 */
function probe(path, extraEnv = {}) {
  const run = spawnSync(path, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...extraEnv },
  });
  if (run.error) return run.error.message;
  if (run.status !== 0)
    return /** @type {string} */ (
      (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n').slice(-1)[0]
    );
  return { version: /\d+(\.\d+)+/.exec(run.stdout)?.[0] ?? run.stdout.trim() };
}

/**
 * The usual names as PATH resolves them, then the macOS app bundles.
 * @returns {string[]}
 */
function systemCandidates() {
  const onPath = SYSTEM_NAMES.map(findTool).filter((path) => path !== null);
  const mac = process.platform === 'darwin' ? MAC_APPS.filter((path) => existsSync(path)) : [];
  return [...new Set([...onPath, ...mac])];
}

/**
 * Where playwright-core's own Chromium (its exact revision) lives, if it was installed.
 * @returns {string | null}
 */
function playwrightChromium() {
  try {
    /** @type {typeof import('playwright-core')} */
    const playwright = require('playwright-core');
    const path = playwright.chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * @sparticuz/chromium's browser, unpacked (once per installed version) into
 * node_modules/.cache/portlens-chromium/<version>: its package unpacks into os.tmpdir(), so the
 * child gets TMPDIR pointed at a fresh directory, renamed into place only when complete (no
 * half-unpacked binary is ever reused, and no file another user planted in /tmp is run).
 * @returns {NoChromium | { executablePath: string; source: string; env: Record<string, string> }}
 */
function sparticuzChromium() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {
      skip: `no system or Playwright Chromium, and @sparticuz/chromium has no build for ${process.platform}/${process.arch}`,
    };
  /** @type {string} */
  let entry;
  /** @type {string} */
  let version;
  try {
    entry = require.resolve('@sparticuz/chromium');
    // Its `exports` leave out package.json: read it beside build/.
    version = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version;
  } catch {
    return {
      skip: 'no system or Playwright Chromium, and the @sparticuz/chromium devDependency is not installed',
    };
  }
  const dir = join(root, 'node_modules', '.cache', 'portlens-chromium', version);
  // Only whole unpackings are ever renamed into place: the directory existing means complete.
  if (!existsSync(dir)) {
    const error = unpack(entry, dir);
    if (error) return { skip: `unpacking @sparticuz/chromium ${version} failed: ${error}` };
  }
  return {
    executablePath: join(dir, 'chromium'),
    source: `@sparticuz/chromium ${version}`,
    // The browser needs NSS and expat (al2023/lib, which a bare machine lacks) and fonts: without
    // any, text has no glyphs and no width. Its own fonts.conf points at /tmp; ours at `dir`.
    env: {
      LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  };
}

/**
 * Unpacks @sparticuz/chromium's archives into `dir`; returns an error message or null.
 * @param {string} entry
 * @param {string} dir
 * @returns {string | null}
 */
function unpack(entry, dir) {
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // inflate() writes chromium.br to $TMPDIR/chromium, fonts.tar.br to $TMPDIR/fonts, the
  // SwiftShader libraries beside the binary (where Chromium looks) and al2023.tar.br to al2023/.
  const script = `const { inflate } = await import(${JSON.stringify(pathToFileURL(entry).href)});
    const bin = ${JSON.stringify(join(dirname(entry), '..', 'bin'))};
    for (const name of ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br']) await inflate(bin + '/' + name);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: partial },
    timeout: 300_000,
  });
  if (run.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    return (run.error?.message ?? run.stderr.trim().slice(0, 500)) || `exit ${run.status}`;
  }
  /** @param {string} text */
  const xml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    join(partial, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `  <dir>${xml(dir)}/fonts</dir>\n  <cachedir>${xml(dir)}/fonts-cache</cachedir>\n</fontconfig>\n`,
  );
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another process got there first (ENOTEMPTY): use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(dir)) return /** @type {Error} */ (error).message;
  }
  return null;
}

/**
 * process.env without unset entries, as Playwright's `env` launch option wants it.
 * @returns {Record<string, string>}
 */
function inherited() {
  return /** @type {Record<string, string>} */ (
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined))
  );
}
