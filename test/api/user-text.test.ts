// Names people type and others see: stored in NFC, and refused, with a reason and nothing
// stored, when they carry control characters, text-direction overrides, broken surrogates or
// nothing visible. The marks Arabic and Persian names need stay. (The same rule, core/text.ts,
// covers profile names, program and cohort names and meeting titles.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { users } from '../../api/db/schema.ts';
import { makeTestApp, uniqueEmail } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const register = (name: string, email = uniqueEmail('text')) => t.call('POST', '/api/auth/register', { email, password: 'a long pass phrase', name });
const userCount = async () => (await t.db.select({ n: count() }).from(users))[0]!.n;

const refused: Array<[string, string, RegExp]> = [
  ['a NUL', 'Ama\u0000 Mensah', /control characters/],
  ['a line break', 'Ama\r\nSet-Cookie: x=1', /control characters/],
  ['a tab', 'Ama\tMensah', /control characters/],
  ['a right-to-left override', 'Ama \u202Egnp.exe', /text-direction override/],
  ['a directional isolate', 'Ama \u2067Mensah\u2069', /text-direction override/],
  ['a lone surrogate', 'Ama \uD800 Mensah', /unpaired surrogates/],
  ['only zero-width characters', '\u200B\u200C\u200D\u2060', /Enter your name/],
  ['only spaces', ' \u00A0 \u3000 ', /Enter your name/],
];

describe('names people type', () => {
  for (const [what, name, reason] of refused) {
    it(`refuses a name with ${what} (400, the reason, nothing stored)`, async () => {
      const before = await userCount();
      const res = await register(name);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(JSON.stringify(res.json.error)).toMatch(reason);
      expect(await userCount()).toBe(before);
    });
  }

  it('stores a name in NFC, trimmed (e + combining acute becomes é)', async () => {
    const email = uniqueEmail('nfc');
    const res = await register('  Rene\u0301e Diop ', email);
    expect(res.status).toBe(201);
    const [row] = await t.db.select({ name: users.name }).from(users).where(eq(users.email, email));
    expect(row!.name).toBe('Ren\u00E9e Diop');
  });

  it('keeps the marks Persian and Arabic names use (ZWNJ, RLM)', async () => {
    const email = uniqueEmail('zwnj');
    const name = 'نسرین\u200Cدخت \u200Fاحمدی';
    expect((await register(name, email)).status).toBe(201);
    const [row] = await t.db.select({ name: users.name }).from(users).where(eq(users.email, email));
    expect(row!.name).toBe(name.normalize('NFC'));
  });
});
