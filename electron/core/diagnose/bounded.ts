/** Every diagnose check is bounded in time: past its budget it yields its fallback, never hangs the run. */

/** `work`'s result, or `fallback` once `ms` have passed (the work is told to stop through `signal`). */
export async function bounded<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, fallback: T): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(fallback);
    }, Math.max(0, ms));
  });
  try {
    return await Promise.race([work(controller.signal).catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
