import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Session tokens after Lucia's session guide: the cookie holds `<id>.<secret>`; the database
 * stores the id and SHA-256(secret) only, so a leaked database cannot be replayed as cookies.
 */
export function randomString(bytes = 15): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function newSessionToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomString();
  const secret = randomString(20);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const match = /^([a-z2-7]{16,64})\.([a-z2-7]{16,64})$/.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = decodeHex(hashSecret(secret));
  let expected: Uint8Array;
  try {
    expected = decodeHex(storedHash);
  } catch {
    return false;
  }
  return actual.length === expected.length && constantTimeEqual(actual, expected);
}
