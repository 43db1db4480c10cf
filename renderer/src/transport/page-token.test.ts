import { describe, expect, it } from 'vitest';
import { forgetPageToken, takePageToken, TOKEN_KEY, type TokenPlace } from './page-token';

/** A page at `path` + `hash`, with a Map-backed sessionStorage and a recording history. */
function place(hash: string, stored: string | null = null): TokenPlace & { replaced: string[]; store: Map<string, string> } {
  const store = new Map<string, string>(stored === null ? [] : [[TOKEN_KEY, stored]]);
  const replaced: string[] = [];
  return {
    location: { hash, pathname: '/', search: '?view=x' },
    history: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: {
      getItem: (key) => store.get(key) ?? null,
      setItem: (key, value) => void store.set(key, value),
      removeItem: (key) => void store.delete(key),
    },
    replaced,
    store,
  };
}

describe('takePageToken', () => {
  it('takes the token from the fragment, keeps it in the tab and clears the address bar', () => {
    const page = place('#token=abc_DEF-123');
    expect(takePageToken(page)).toBe('abc_DEF-123');
    expect(page.store.get(TOKEN_KEY)).toBe('abc_DEF-123');
    expect(page.replaced).toEqual(['/?view=x']);
  });

  it('prefers a new fragment over the token the tab kept', () => {
    const page = place('#token=new', 'old');
    expect(takePageToken(page)).toBe('new');
    expect(page.store.get(TOKEN_KEY)).toBe('new');
  });

  it('falls back to the kept token, and touches the address bar only when it held one', () => {
    const page = place('', 'kept');
    expect(takePageToken(page)).toBe('kept');
    expect(page.replaced).toEqual([]);
    expect(takePageToken(place('#other=1'))).toBeNull();
  });

  it('works without storage (disabled) and when storage throws', () => {
    expect(takePageToken({ ...place('#token=t'), storage: undefined })).toBe('t');
    const throwing = place('#token=t');
    throwing.storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(takePageToken(throwing)).toBe('t');
    expect(takePageToken({ ...throwing, location: { hash: '', pathname: '/', search: '' } })).toBeNull();
  });

  it('forgets a refused token', () => {
    const page = place('', 'refused');
    forgetPageToken(page);
    expect(takePageToken(page)).toBeNull();
  });
});
