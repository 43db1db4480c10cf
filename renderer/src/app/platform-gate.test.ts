import { describe, expect, it } from 'vitest';
import type { PortLensApi, StreamMessage } from '@contract/api';
import { makeSnapshot } from '@contract/testing/factories';
import { parsePrefs } from '../filter/view-prefs';
import { LiveStore } from '../store/live-store';
import { unsupportedMessage } from './platform-gate';
import { initialViewSettings } from './view-settings';

/** A stub API whose stream the test feeds, as the Electron shell's unsupported backend would. */
function storeFedBy(): { store: LiveStore; send(message: StreamMessage): void } {
  let listener: ((message: StreamMessage) => void) | null = null;
  const api = {
    transport: 'electron',
    subscribe: (next: (message: StreamMessage) => void) => {
      listener = next;
      return () => (listener = null);
    },
    getSettings: () => new Promise(() => {}),
  } as unknown as PortLensApi;
  const store = new LiveStore(api, initialViewSettings(parsePrefs(null)), (run) => {
    run();
    return () => {};
  });
  store.start();
  return { store, send: (message) => listener?.(message) };
}

const unsupported: StreamMessage = {
  type: 'error',
  error: { code: 'unsupported', message: 'PortLens does not support macOS yet', detail: null },
};

describe('unsupportedMessage (stub stream)', () => {
  it("is the stream's unsupported error while no snapshot has come", () => {
    const { store, send } = storeFedBy();
    expect(unsupportedMessage(store)).toBeNull();
    send(unsupported);
    expect(unsupportedMessage(store)).toBe('PortLens does not support macOS yet');
    store.dispose();
  });

  it('ignores other errors, and any error once the table has data', () => {
    const { store, send } = storeFedBy();
    send({ type: 'error', error: { code: 'failed', message: 'collector failed', detail: null } });
    expect(unsupportedMessage(store)).toBeNull();
    send({ type: 'snapshot', snapshot: makeSnapshot(1, []) });
    send(unsupported);
    expect(unsupportedMessage(store)).toBeNull();
    store.dispose();
  });
});
