/** Runs an API call so that a rejected promise (a transport bug) becomes an error Result. */
import type { Result } from '@contract/api';

/** The call's Result, or an `internal` error Result if it threw or rejected. */
export async function safeCall<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: error instanceof Error ? error.message : String(error),
        detail: null,
      },
    };
  }
}
