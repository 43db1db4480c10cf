/**
 * Last poll's rows, found by key. Sockets come in the kernel's hash-table order, which holds
 * while they stay, so a cursor that steps over one row gone finds nearly every row without
 * hashing; a Map of them is built only the first time the order breaks in a poll.
 */
import type { SocketRow } from '../model.js';

export class PreviousRows {
  #cursor = 0;
  #byKey: Map<string, SocketRow> | null = null;

  /** `keys[i]` is the key of `rows[i]`. */
  constructor(
    private readonly keys: readonly string[] = [],
    private readonly rows: readonly SocketRow[] = [],
  ) {}

  /** The row last poll had under `key`; call in this poll's order for the cursor to help. */
  find(key: string): SocketRow | undefined {
    const keys = this.keys;
    const end = Math.min(this.#cursor + 2, keys.length);
    for (let at = this.#cursor; at < end; at++) {
      if (keys[at] === key) {
        this.#cursor = at + 1;
        return this.rows[at];
      }
    }
    if (this.#byKey === null) {
      this.#byKey = new Map();
      for (let i = 0; i < keys.length; i++) this.#byKey.set(keys[i] as string, this.rows[i] as SocketRow);
    }
    return this.#byKey.get(key);
  }
}
