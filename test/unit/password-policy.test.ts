// The password rules on their own (core/password-policy.ts), with a small list of common
// passwords; the API test (test/api/auth.test.ts) runs them with the bundled list.
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '#core/password-policy.ts';

const COMMON = new Set(['password1234', 'dragonfly', 'iloveyou']);
const check = (password: string, context = {}) => passwordProblem(password, context, (lower) => COMMON.has(lower));

describe('the password rules', () => {
  it('accept a long passphrase, in any script, and passwords of exactly the bounds', () => {
    expect(check('correct horse battery staple')).toBeNull();
    expect(check('ثلاث كلمات بعيدة عن بعضها')).toBeNull();
    expect(check('Xk3#qLz9!w')).toBeNull();
    expect(check(`${'pass phrase '.repeat(16)}tail`.slice(0, 200))).toBeNull();
  });

  it('count characters, not UTF-16 units, for the length', () => {
    expect(check('🦊🐙🦉🐝🦋🐢🦀🐬🦜')).toMatch(/at least 10/);
    expect(check('🦊🐙🦉🐝🦋🐢🦀🐬🦜🐌')).toBeNull();
    expect(check('x'.repeat(201))).toMatch(/at most 200/);
  });

  for (const password of ['aaaaaaaaaa', 'abababababab', 'abcabcabca', '2024202420', '0123456789', 'abcdefghijk', '9876543210', 'aabbaabbaabb'])
    it(`refuses the repetitive or sequential “${password}”`, () => {
      expect(check(password)).toMatch(/repeats or counts/);
    });

  it('refuses a common password, whatever its case, and with digits or symbols on either end', () => {
    expect(check('Password1234')).toMatch(/most common/);
    expect(check('dragonfly2024!')).toMatch(/most common/);
    expect(check('!!IloveYou99')).toMatch(/most common/);
    // A common word inside a longer phrase is fine.
    expect(check('dragonfly over the river')).toBeNull();
  });

  it('refuses the person’s own name or email, and the site’s name', () => {
    expect(check('amina.diallo-1987', { email: 'amina.diallo@example.org' })).toMatch(/your name, your email/);
    expect(check('my Diallo secret', { name: 'Amina Diallo' })).toMatch(/your name, your email/);
    expect(check('accord-is-great-2026')).toMatch(/name of this site/);
    // Short parts of an email are not refused: "li" in "li@example.org".
    expect(check('blue limestone quarry', { email: 'li@example.org' })).toBeNull();
  });
});
