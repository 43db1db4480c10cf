import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnviron, readEnviron } from './environ.js';
import { Children } from './test-support/children.js';

const children = new Children();
afterEach(() => children.stopAll());

describe('parseEnviron', () => {
  it('parses a real-format environ block; first entry of a name wins; entries without a name are skipped', () => {
    const env = parseEnviron(readFileSync(new URL('./fixtures/environ/pm2-app.environ', import.meta.url)));
    expect(env['pm_id']).toBe('3');
    expect(env['PATH']).toBe('/usr/local/bin:/usr/bin:/bin');
    expect(parseEnviron(Buffer.from('A=1\0A=2\0=x\0NOEQUALS\0B=x=y\0C=\0'))).toEqual({
      A: '1',
      B: 'x=y',
      C: '',
    });
    expect(Object.getPrototypeOf(parseEnviron(Buffer.from('__proto__=x\0')))).toBeNull();
  });
});

describe('readEnviron (real processes)', () => {
  it("reads a child's environment and reports a gone process", async () => {
    const child = await children.node(`report({}); setInterval(() => {}, 1 << 30);`, {
      env: { ONLY_THIS: 'yes' },
    });
    expect(readEnviron(child.pid)).toEqual({ ok: true, env: { ONLY_THIS: 'yes' } });
    await children.stop(child);
    expect(readEnviron(child.pid)).toEqual({ ok: false, reason: 'gone' });
    expect(readEnviron(0)).toEqual({ ok: false, reason: 'gone' });
  });
});
