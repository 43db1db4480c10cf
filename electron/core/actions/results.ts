/** Result helpers: actions return typed failures, they never throw for expected ones. */
import type { ContractError, Result } from '../../contract/api.js';
import { contractError } from '../../contract/validate.js';

/** A failed Result with a contract error. */
export function fail(
  code: ContractError['code'],
  message: string,
  detail: string | null = null,
): { ok: false; error: ContractError } {
  return { ok: false, error: contractError(code, message, detail) };
}

/** A successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** "Run it with elevated rights: sudo portlens <verb> --pid N" (an administrator prompt on Windows). */
export function elevated(
  commandName: string,
  verb: 'kill' | 'restart' | 'logs',
  pid: number,
): { command: string; advice: string } {
  const windows = process.platform === 'win32';
  const command = `${windows ? '' : 'sudo '}${commandName} ${verb} --pid ${pid}`;
  return {
    command,
    advice: `Run it ${windows ? 'from an administrator prompt' : 'with elevated rights'}: ${command}`,
  };
}

/**
 * Runs an action, turning an unexpected exception (a collector failure, an fs fault) into an
 * `internal` error: callers always get a Result.
 */
export async function safely<T>(what: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await action();
  } catch (error) {
    return fail('internal', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
