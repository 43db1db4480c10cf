/** `serve --token-file`: the token is read only from a file nobody else controls. */
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../cli/commands/serve.js';
import { readTokenFile } from './token-file.js';

const dir = mkdtempSync(join(tmpdir(), 'portlens-token-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = 'a'.repeat(20) + '0123456789abcdef0123';

function tokenFile(name: string, text: string, mode: number): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

describe('readTokenFile', () => {
  it('reads the token, trimmed, from a 0600 or 0640 file of ours', () => {
    expect(readTokenFile(tokenFile('ok', `${TOKEN}\n`, 0o600))).toBe(TOKEN);
    expect(readTokenFile(tokenFile('group-read', TOKEN, 0o640))).toBe(TOKEN);
  });

  it.skipIf(process.platform === 'win32')('refuses a file others can read or write, a group-writable one, a link, a short token and a missing file', () => {
    expect(() => readTokenFile(tokenFile('open', TOKEN, 0o666))).toThrow(/open to others/);
    expect(() => readTokenFile(tokenFile('world-read', TOKEN, 0o644))).toThrow(/open to others \(mode 644\)/);
    expect(() => readTokenFile(tokenFile('group-write', TOKEN, 0o660))).toThrow(/open to others/);
    const link = join(dir, 'link');
    symlinkSync(tokenFile('target', TOKEN, 0o600), link);
    expect(() => readTokenFile(link)).toThrow(/cannot open/);
    expect(() => readTokenFile(tokenFile('short', 'abc', 0o600))).toThrow(/32 to 512/);
    expect(() => readTokenFile(join(dir, 'none'))).toThrow(/cannot open/);
  });

  it('serve takes --token-file, never the token itself', () => {
    expect(parseServeArgs(['--token-file', '/x/token'])).toMatchObject({ tokenFile: '/x/token' });
    expect(() => parseServeArgs(['--token', TOKEN])).toThrow(/Unknown option '--token'/);
  });
});
