import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFacts } from './sender-check.js';

const trusted = new Set([7]);
const ours: SenderFacts = {
  webContentsId: 7,
  frame: { url: 'app://portlens/index.html', origin: 'app://portlens', isMainFrame: true },
};

describe('isTrustedSender', () => {
  it("accepts our window's main frame on our origin", () => {
    expect(isTrustedSender(ours, trusted)).toBe(true);
  });

  it('refuses another webContents, a subframe, a gone frame, and other origins', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ours, frame: { ...ours.frame!, isMainFrame: false } }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ours, frame: null }, trusted)).toBe(false);
    for (const [url, origin] of [
      ['https://evil.example/', 'https://evil.example'],
      ['file:///tmp/x.html', 'file://'],
      ['app://portlens.evil/index.html', 'app://portlens.evil'],
      ['about:blank', 'null'],
      ['app://user@portlens/index.html', 'app://portlens'],
    ]) {
      expect(
        isTrustedSender({ ...ours, frame: { url: url!, origin: origin!, isMainFrame: true } }, trusted),
        url,
      ).toBe(false);
    }
  });

  it('refuses everything when no window is trusted', () => {
    expect(isTrustedSender(ours, new Set())).toBe(false);
  });
});
