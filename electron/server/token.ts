/** The browser-mode access token: random, URL-safe, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * True when `candidate` equals `token`. Both sides are hashed first so the comparison takes
 * the same time whatever the candidate's length or content.
 */
export function tokenMatches(token: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
  const expected = createHash('sha256').update(token).digest();
  const actual = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(expected, actual);
}
