/** Loads one API call's result into state, again whenever `key` changes or on reload(). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError, Result } from '@contract/api';
import { safeCall } from '../actions/safe-call';

/** A call's progress. */
export type Loadable<T> =
  { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: ContractError };

const LOADING = { state: 'loading' } as const;

/**
 * Runs `run` for each distinct `key` (null: do nothing) and on reload(). An answer counts only
 * for the request it answers: until it comes, the result reads as loading.
 */
export function useCall<T>(key: string | null, run: () => Promise<Result<T>>): [Loadable<T>, () => void] {
  const [nonce, setNonce] = useState(0);
  const [answer, setAnswer] = useState<{ request: string; loadable: Loadable<T> } | null>(null);
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const request = `${nonce}:${key}`;
  useEffect(() => {
    if (key === null) return;
    let current = true;
    void safeCall(() => runRef.current()).then((result) => {
      if (!current) return;
      setAnswer({
        request,
        loadable: result.ok ? { state: 'ok', value: result.value } : { state: 'error', error: result.error },
      });
    });
    return () => {
      current = false;
    };
  }, [key, request]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return [answer?.request === request ? answer.loadable : LOADING, reload];
}
