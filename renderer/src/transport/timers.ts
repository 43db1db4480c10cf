/** Timers as the transport's parts use them: injectable, so tests drive time themselves. */

/** setTimeout and clearTimeout, or a test's stand-ins. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's own timers. */
export const pageTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
