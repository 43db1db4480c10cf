import { describe, expect, it } from 'vitest';
import { loopbackHttpUrl } from './external-links.js';

describe('loopbackHttpUrl', () => {
  it.each([
    ['http://localhost:5173/', 'http://localhost:5173/'],
    ['https://127.0.0.1:8443/path?q=1', 'https://127.0.0.1:8443/path?q=1'],
    ['http://127.1.2.3/', 'http://127.1.2.3/'],
    ['http://[::1]:3000/', 'http://[::1]:3000/'],
    ['http://app.localhost:3000/', 'http://app.localhost:3000/'],
    ['http://LOCALHOST./', 'http://localhost./'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    ['http://[::ffff:127.0.0.1]:80/', 'http://[::ffff:7f00:1]/'],
  ])('opens %s', (raw, expected) => {
    expect(loopbackHttpUrl(raw)).toBe(expected);
  });

  it.each([
    'http://example.com/',
    'http://127.0.0.1.evil.com/',
    'http://localhost@evil.com/',
    'http://user:pw@localhost/',
    'http://10.0.0.1/',
    'http://[::2]/',
    'http://0.0.0.0:8000/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://127.0.0.1/',
    'ssh://localhost',
    'vscode://file/etc/passwd',
    'not a url',
    `http://localhost/${'a'.repeat(3000)}`,
  ])('refuses %s', (raw) => {
    expect(loopbackHttpUrl(raw)).toBeNull();
  });
});
