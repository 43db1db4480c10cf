/** Saves the view prefs a moment after they last changed (column drags change them per pixel). */
import { useEffect } from 'react';
import { savePrefs, type ViewPrefs } from '../filter/view-prefs';

/** Persists `prefs` to localStorage, debounced. */
export function usePersistPrefs(prefs: ViewPrefs): void {
  useEffect(() => {
    const timer = setTimeout(() => savePrefs(prefs), 300);
    return () => clearTimeout(timer);
  }, [prefs]);
}
