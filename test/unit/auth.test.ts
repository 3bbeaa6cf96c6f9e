import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../api/auth/password.ts';
import { hashSecret, newSessionToken, parseSessionToken, secretMatches } from '../../api/auth/tokens.ts';
import { parseSettings, SettingsError, isLocalHttp } from '../../api/settings.ts';

const FAST = { log2N: 10, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password only, with parameters stored in the hash', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '10', '8', '1']);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });
  it('asks for a rehash when the stored cost is below the current one', async () => {
    const hash = await hashPassword('pw', FAST);
    expect(needsRehash(hash, FAST)).toBe(false);
    expect(needsRehash(hash, { ...FAST, log2N: 15 })).toBe(true);
  });
});

describe('session tokens', () => {
  it('are id.secret, and only a hash of the secret is kept', () => {
    const { id, secret, token, secretHash } = newSessionToken();
    expect(token).toBe(`${id}.${secret}`);
    expect(parseSessionToken(token)).toEqual({ id, secret });
    expect(secretHash).toBe(hashSecret(secret));
    expect(secretHash).not.toContain(secret);
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}a`, secretHash)).toBe(secret.endsWith('a'));
  });
  it('rejects malformed tokens', () => {
    for (const bad of ['', 'abc', 'a.b', `${'a'.repeat(20)}`, `${'A'.repeat(20)}.${'b'.repeat(20)}`]) expect(parseSessionToken(bad)).toBeNull();
  });
});

describe('settings', () => {
  it('applies safe defaults', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({ DATABASE_URL: 'file:data/accord.db', PORT: 4321, PUBLIC_ORIGIN: 'http://localhost:4321', SEED_DEMO: true });
  });
  it('names the variable that is wrong', () => {
    expect(() => parseSettings({ PORT: 'eighty' })).toThrow(SettingsError);
    expect(() => parseSettings({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseSettings({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseSettings({ PUBLIC_ORIGIN: 'not a url' })).toThrow(/PUBLIC_ORIGIN/);
  });
  it('sends Secure cookies everywhere but plain-http localhost', () => {
    expect(isLocalHttp('http://localhost:4321')).toBe(true);
    expect(isLocalHttp('http://127.0.0.1:8787')).toBe(true);
    expect(isLocalHttp('https://accord.example.org')).toBe(false);
    expect(isLocalHttp('http://accord.example.org')).toBe(false);
  });
});
