import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { LOCALES } from '#core/locales.ts';
import { formatMessage, type Message } from '../../site/i18n/format.ts';

// The base strings, then one folder per product area; each holds one file per locale.
const AREAS = ['site/i18n/translations', ...readdirSync('site/i18n/areas').map((a) => `site/i18n/areas/${a}`)];
const loadFrom = (dir: string, code: string) => JSON.parse(readFileSync(`${dir}/${code}.json`, 'utf8')) as Record<string, Message>;
const load = (code: string) => Object.assign({}, ...AREAS.map((dir) => loadFrom(dir, code))) as Record<string, Message>;
const en = load('en');
const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const placeholders = (m: Message) => [...new Set(names(typeof m === 'string' ? m : m.other))].sort();

describe('UI translations', () => {
  for (const dir of AREAS) {
    it(`${dir}: a translation file for every locale, and a locale for every file`, () => {
      expect(
        readdirSync(dir)
          .map((f) => f.replace('.json', ''))
          .sort(),
      ).toEqual(LOCALES.map((l) => l.code).sort());
    });
  }

  it('no key is defined in two areas', () => {
    const seen = new Map<string, string>();
    for (const dir of AREAS)
      for (const key of Object.keys(loadFrom(dir, 'en'))) {
        expect(seen.get(key), `${key} is in ${dir} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, dir);
      }
  });

  for (const { code } of LOCALES) {
    it(`${code}: same keys as English, same placeholders, plural forms valid for the language`, () => {
      const strings = load(code);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
      for (const [key, message] of Object.entries(strings)) {
        const expected = placeholders(en[key]!);
        if (typeof message === 'string') {
          expect(message.trim(), key).not.toBe('');
          expect(placeholders(message), key).toEqual(expected);
          continue;
        }
        expect(expected, `${key}: $plural names a parameter`).toContain(message.$plural);
        expect(placeholders(message), `${key} (other)`).toEqual(expected);
        for (const [form, text] of Object.entries(message)) {
          if (form === '$plural') continue;
          expect(categories, `${key}: "${form}" is not a plural category of ${code}`).toContain(form);
          for (const name of names(text!)) expect(expected, `${key}.${form}`).toContain(name);
        }
      }
    });
  }

  it('declares a direction for every locale', () => {
    for (const l of LOCALES) expect(['ltr', 'rtl']).toContain(l.dir);
  });
});

describe('message formatting', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{a} of {b}', { a: 1 }, 'en')).toBe('1 of {b}');
  });
  it('chooses the plural form the language needs', () => {
    const lessons: Message = { $plural: 'count', one: '{count} lesson', other: '{count} lessons' };
    expect(formatMessage(lessons, { count: 1 }, 'en')).toBe('1 lesson');
    expect(formatMessage(lessons, { count: 5 }, 'en')).toBe('5 lessons');
    const fr = load('fr')['my.progress']!;
    expect(formatMessage(fr, { done: 0, total: 5 }, 'fr')).toBe('0 leçon terminée sur 5');
    expect(formatMessage(fr, { done: 3, total: 5 }, 'fr')).toBe('3 leçons terminées sur 5');
    const ar = load('ar')['assessment.rules']!;
    expect(formatMessage(ar, { attempts: 3, percent: 70 }, 'ar')).toContain('3 مرات');
    expect(formatMessage(ar, { attempts: 2, percent: 70 }, 'ar')).toContain('مرتين');
    expect(formatMessage(ar, { attempts: 11, percent: 70 }, 'ar')).toContain('11 مرة');
  });
  it('isolates a value of the other direction (FSI…PDI), and leaves numbers and same-direction text alone', () => {
    const remove = 'Remove {name} from {count} groups?';
    expect(formatMessage(remove, { name: 'عائشة بنت أحمد', count: 3 }, 'en')).toBe('Remove \u2068عائشة بنت أحمد\u2069 from 3 groups?');
    expect(formatMessage(remove, { name: 'Amina Diallo', count: 3 }, 'en')).toBe('Remove Amina Diallo from 3 groups?');
    // In a right-to-left page, a Latin name is isolated; an Arabic one and the digits are not.
    expect(formatMessage('إزالة {name} من {count} مجموعات؟', { name: 'Amina (UN)', count: 3 }, 'ar', 'rtl')).toBe('إزالة \u2068Amina (UN)\u2069 من 3 مجموعات؟');
    expect(formatMessage('إزالة {name}؟', { name: 'عائشة' }, 'ar', 'rtl')).toBe('إزالة عائشة؟');
    expect(formatMessage('{n} %', { n: '70' }, 'ar', 'rtl')).toBe('70 %');
  });
});
