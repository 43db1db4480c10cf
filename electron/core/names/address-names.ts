/** The backend's `names` call: what ReverseDns knows now about each address, never waiting. */
import { ReverseDns } from './reverse-dns.js';

export class AddressNames {
  private readonly dns = new ReverseDns();

  /** Known names and labels by address; unknown ones are looked up in the background. */
  known(addresses: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const address of addresses) {
      const answer = this.dns.peek(address);
      if (answer.kind === 'name' || answer.kind === 'label') out[address] = answer.text;
    }
    return out;
  }

  dispose(): void {
    this.dns.dispose();
  }
}
