/**
 * Checks a call's answer against the contract before the UI sees it. getSnapshot's by the
 * contract's zod-free check (no wait); every other call's by its zod schema, which loads with
 * the first such call, while the request travels.
 */
import type { CallName, ContractError, Result } from '@contract/api';
import { checked, snapshot as checkSnapshot } from '@contract/wire/wire-check';

type ResponseSchemas = (typeof import('@contract/api'))['Calls'];

/** Checks the answers of calls. */
export interface ResponseChecker {
  /** A call `name` is on its way: start loading what checks its answer. */
  prepare(name: CallName): void;
  /** The checked result (an `internal` error when the value does not match the response schema). */
  check(name: CallName, result: Result<unknown>): Result<unknown> | Promise<Result<unknown>>;
}

/** The contract's checks, zod loaded on first use (again after a failed load). */
export function contractResponseChecker(): ResponseChecker {
  let schemas: Promise<ResponseSchemas> | null = null;
  const responseSchemas = (): Promise<ResponseSchemas> =>
    (schemas ??= import('@contract/api').then(
      (contract) => contract.Calls,
      (error: unknown) => {
        schemas = null;
        throw error;
      },
    ));
  return {
    prepare(name) {
      if (name !== 'getSnapshot') void responseSchemas().catch(() => undefined);
    },
    check(name, result) {
      if (!result.ok) return result;
      const invalid = (issue: string) => failure('internal', `the server sent an invalid ${name} response`, issue);
      if (name === 'getSnapshot') {
        const value = checked(checkSnapshot, result.value);
        return value.ok ? value : invalid(value.issue);
      }
      return responseSchemas().then(
        (calls) => {
          const value = calls[name].response.safeParse(result.value);
          return value.success ? { ok: true, value: value.data } : invalid(value.error.issues[0]?.message ?? '');
        },
        (error: unknown) => failure('internal', `could not load the checks for the ${name} response`, String(error)),
      );
    },
  };
}

/** A failed Result. */
export function failure<T>(code: ContractError['code'], message: string, detail: string | null = null): Result<T> {
  return { ok: false, error: { code, message, detail } };
}
