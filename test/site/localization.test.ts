// Every lesson page in every locale is either a real translation (its language, no notice) or the
// English text with a visible notice and lang/dir on the passage: never a silent fallback.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '#core/locales.ts';
import { loadManifest } from '../support/app.ts';

const manifest = loadManifest();

describe('localized interface', () => {
  const en = JSON.parse(readFileSync('site/i18n/translations/en.json', 'utf8')) as Record<string, string>;
  for (const { code } of LOCALES) {
    it(`${code}: the built home page uses ${code}'s own interface strings`, () => {
      const strings = JSON.parse(readFileSync(`site/i18n/translations/${code}.json`, 'utf8')) as Record<string, string>;
      const html = readFileSync(join('dist', code, 'index.html'), 'utf8');
      // The skip link and the home title are on every home page; a locale not wired into the
      // site would show the English ones here.
      for (const key of ['site.skip', 'home.title']) {
        expect(html, `${code}: ${key}`).toContain(strings[key]!.replaceAll("'", '&#39;'));
        if (code !== 'en') expect(strings[key], `${code}: ${key} is translated`).not.toBe(en[key]);
      }
    });
  }
});

describe('localized lesson pages', () => {
  for (const { code, dir } of LOCALES) {
    it(`${code}: translated lessons in ${code}, the rest in English with a notice`, () => {
      let translated = 0;
      let fallback = 0;
      for (const course of manifest.courses) {
        const sources = existsSync(join('content', course.id, code)) ? readdirSync(join('content', course.id, code)) : [];
        for (const lesson of course.lessons) {
          const html = readFileSync(join('dist', code, 'courses', course.id, lesson.slug, 'index.html'), 'utf8');
          expect(html).toContain(`<html lang="${code}" dir="${dir}"`);
          const hasSource = sources.some((f) => f.endsWith(`-${lesson.slug}.mdx`));
          const notice = html.includes('class="notice" role="note"');
          if (hasSource) {
            translated += 1;
            expect(notice, `${code}/${lesson.id} should not show the fallback notice`).toBe(false);
            expect(html).toMatch(new RegExp(`<article lang="${code}" dir="${dir}"`));
          } else {
            fallback += 1;
            expect(notice, `${code}/${lesson.id} must say it is shown in English`).toBe(code !== 'en');
            expect(html).toMatch(/<article lang="en" dir="ltr"/);
          }
        }
      }
      expect(translated + fallback).toBe(manifest.courses.reduce((n, c) => n + c.lessons.length, 0));
      if (code === 'en') expect(fallback).toBe(0);
    });
  }
});
