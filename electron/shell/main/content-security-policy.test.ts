import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALLBACK_POLICY, metaPolicy } from '../../contract/content-security-policy.js';
import { contentSecurityPolicy } from '../../server/security-headers.js';
import { electronPolicy } from './content-security-policy.js';

const indexHtml = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );

describe('electronPolicy', () => {
  it("keeps renderer/index.html's directives (scripts and styles only from ourselves)", () => {
    const meta = metaPolicy(indexHtml);
    expect(meta).not.toBeNull();
    const policy = directives(electronPolicy(indexHtml));
    const fromMeta = directives(meta ?? '');
    for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'base-uri', 'form-action']) {
      expect(policy.get(name), name).toBe(fromMeta.get(name));
    }
    expect(policy.get('script-src')).toBe("'self'");
  });

  it('drops WebSocket sources (Electron uses IPC) and forbids framing and plugins', () => {
    const policy = directives(electronPolicy(indexHtml));
    expect(policy.get('connect-src')).not.toMatch(/ws:|wss:/);
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('frame-src')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
  });

  it('falls back to a strict policy when index.html has none or is unreadable', () => {
    for (const html of [null, '<html><head></head></html>']) {
      const policy = directives(electronPolicy(html));
      expect(policy.get('default-src')).toBe("'none'");
      expect(policy.get('script-src')).toBe("'self'");
    }
    expect(FALLBACK_POLICY).not.toMatch(/unsafe/);
  });

  it('falls back to the same policy as browser mode, each adding only its own header directives', () => {
    const electron = directives(electronPolicy(null));
    const browser = directives(contentSecurityPolicy(null, 8080));
    const fallback = directives(FALLBACK_POLICY);
    for (const [name, sources] of fallback) {
      if (name === 'connect-src') continue; // each shell narrows or widens it for its transport
      expect(electron.get(name), name).toBe(sources);
      expect(browser.get(name), name).toBe(sources);
    }
  });

  it('reads a policy in single quotes and with entities', () => {
    expect(
      metaPolicy(`<meta http-equiv='Content-Security-Policy' content='default-src &apos;self&apos;'>`),
    ).toBe("default-src 'self'");
  });
});
