/**
 * Validation at process boundaries: turn unknown input into a typed value or a typed
 * `invalid-request` error, never an exception.
 */
import type { z } from 'zod';
import { Calls, type CallName, type CallRequest, type ContractError, type Result } from './api.js';

/** Builds a ContractError. */
export function contractError(
  code: ContractError['code'],
  message: string,
  detail: string | null = null,
): ContractError {
  return { code, message, detail };
}

/** Short, human description of the first few problems zod found. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses `input` with `schema`, returning a Result instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: contractError('invalid-request', `invalid ${what}: ${describeIssues(parsed.error)}`) };
}

/** Validates a call's name and request payload. */
export function parseCall(name: unknown, request: unknown): Result<{ name: CallName; request: CallRequest<CallName> }> {
  if (typeof name !== 'string' || !Object.hasOwn(Calls, name)) {
    return { ok: false, error: contractError('invalid-request', `unknown call: ${String(name).slice(0, 64)}`) };
  }
  const callName = name as CallName;
  const parsed = parseWith(Calls[callName].request, request ?? {}, `${callName} request`);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { name: callName, request: parsed.value as CallRequest<CallName> } };
}
