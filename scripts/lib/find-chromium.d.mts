/** Types for find-chromium.mjs. */

/** A Chromium that runs here, with what to launch it with. */
export interface FoundChromium {
  executablePath: string;
  args: string[];
  /** The whole environment to launch it in, or undefined to inherit this process's. */
  env: Record<string, string> | undefined;
  /** Where it came from: `$PORTLENS_CHROMIUM`, `the system`, `Playwright's browsers`, `@sparticuz/chromium <version>`. */
  source: string;
  version: string;
}

/** Why no Chromium can be had here. */
export interface NoChromium {
  skip: string;
}

/** The environment variable naming a Chromium executable to use. */
export const CHROMIUM_ENV: string;
/** What to run where no browser could be found. */
export const INSTALL_HINT: string;
/** Flags for every launch. */
export const CHROMIUM_ARGS: string[];
/** The Chromium to launch, or why there is none; throws if $PORTLENS_CHROMIUM is set and does not run. */
export function findChromium(): FoundChromium | NoChromium;
/** One line saying which Chromium is used, or why there is none and how to get one. */
export function describeChromium(result: FoundChromium | NoChromium): string;
