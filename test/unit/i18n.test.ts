import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { LOCALES } from '../../site/i18n/locales.ts';

const dir = 'site/i18n/translations';
const load = (code: string) => JSON.parse(readFileSync(`${dir}/${code}.json`, 'utf8')) as Record<string, string>;
const en = load('en');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI translations', () => {
  it('has a translation file for every locale, and a locale for every file', () => {
    expect(readdirSync(dir).map((f) => f.replace('.json', '')).sort()).toEqual(LOCALES.map((l) => l.code).sort());
  });
  for (const { code } of LOCALES.filter((l) => l.code !== 'en')) {
    it(`${code}: same keys as English, same placeholders, nothing left empty`, () => {
      const strings = load(code);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(strings)) {
        expect(value.trim(), key).not.toBe('');
        expect(placeholders(value), key).toEqual(placeholders(en[key]!));
      }
    });
  }
  it('declares a direction for every locale', () => {
    for (const l of LOCALES) expect(['ltr', 'rtl']).toContain(l.dir);
  });
});
